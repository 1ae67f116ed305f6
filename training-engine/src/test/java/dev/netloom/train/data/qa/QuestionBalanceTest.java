package dev.netloom.train.data.qa;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.data.Offset.offset;

class QuestionBalanceTest {

    @Test
    void everyQuestionIsTrueHalfTheTimeAndAskedFalselyAboutEveryOtherClass() {
        QuestionBalance balance = new QuestionBalance(ClothingGroup.STANDARD, 10);
        for (int g = 0; g < ClothingGroup.STANDARD.size(); g++) {
            ClothingGroup group = ClothingGroup.STANDARD.get(g);
            double falseMass = 0;
            for (int c = 0; c < 10; c++) {
                double p = balance.falseQuestions(c)[g];
                if (group.classes().contains(c)) {
                    assertThat(p).isZero();
                } else {
                    assertThat(p).as("class %d, question %s", c, group.name()).isGreaterThan(0.01);
                }
                falseMass += p;
            }
            // True mass of a question: one unit per class it is true for (each class shown equally, half true).
            assertThat(falseMass).as(group.name()).isCloseTo(group.classes().size(), offset(1e-6));
        }
        for (int c = 0; c < 10; c++) {
            double sum = 0;
            for (double p : balance.falseQuestions(c)) {
                sum += p;
            }
            assertThat(sum).isCloseTo(1, offset(1e-9));
        }
    }
}
