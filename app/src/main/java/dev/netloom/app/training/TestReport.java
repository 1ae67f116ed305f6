package dev.netloom.app.training;

import dev.netloom.app.data.Picture;
import dev.netloom.app.data.TokenText;
import dev.netloom.train.Evaluation;
import dev.netloom.train.data.Dataset;
import dev.netloom.train.data.Examples;
import dev.netloom.train.data.Field;
import dev.netloom.train.data.FieldKind;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * What the Train view shows of a finished run's test split, made off the FX thread: the scores,
 * the confusion matrix, and every kept mistake ready to draw (its picture and its text when the
 * inputs have them), so clicking a cell needs no dataset.
 *
 * @param evaluation the test-split evaluation (accuracy, per-class scores, confusion matrix)
 * @param classes class names in label order
 * @param mistakes the misclassified test examples kept, most confident first
 * @param artifact the model folder written
 */
public record TestReport(Evaluation evaluation, List<String> classes, List<Mistake> mistakes, Path artifact) {

    public TestReport {
        classes = List.copyOf(classes);
        mistakes = List.copyOf(mistakes);
    }

    /**
     * One misclassified test example.
     *
     * @param row its row in the test split
     * @param actual its class
     * @param predicted the class the model chose
     * @param confidence the probability the model gave its choice
     * @param picture its picture, or null when the inputs have none
     * @param text its question or text, decoded, or "" when the inputs have none
     */
    public record Mistake(int row, int actual, int predicted, double confidence, Picture picture, String text) {
    }

    /** The report of an evaluation of {@code dataset}'s test split. */
    public static TestReport of(Evaluation evaluation, Dataset dataset, Path artifact) {
        Examples test = dataset.test();
        Field image = first(test, FieldKind.IMAGE);
        Field tokens = first(test, FieldKind.TOKENS);
        List<Mistake> mistakes = new ArrayList<>();
        for (Evaluation.Mistake m : evaluation.worst()) {
            mistakes.add(new Mistake(m.row(), m.actual(), m.predicted(), m.confidence(),
                    image == null ? null : Picture.of(image, m.row()),
                    tokens == null ? "" : TokenText.decode(tokens.ids(), m.row() * tokens.exampleSize(),
                            tokens.exampleSize(), dataset.vocabulary())));
        }
        return new TestReport(evaluation, dataset.classes(), mistakes, artifact);
    }

    /** The mistakes of one cell of the confusion matrix (actual row, predicted column). */
    public List<Mistake> mistakes(int actual, int predicted) {
        return mistakes.stream().filter(m -> m.actual() == actual && m.predicted() == predicted).toList();
    }

    private static Field first(Examples examples, FieldKind kind) {
        List<Field> fields = examples.fields(kind);
        return fields.isEmpty() ? null : fields.get(0);
    }
}
