package dev.netloom.train.data;

import org.junit.jupiter.api.Test;

import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class SplitsAndStatisticsTest {

    @Test
    void aStratifiedSplitIsTheSameFromTheSameSeedAndKeepsTheClassMix() {
        int[] labels = IntStream.range(0, 1000).map(i -> i % 4 == 0 ? 1 : 0).toArray();
        SplitRows a = SplitRows.stratified(labels, 0.2, 0.1, 42);
        assertThat(SplitRows.stratified(labels, 0.2, 0.1, 42)).isEqualTo(a);
        assertThat(SplitRows.stratified(labels, 0.2, 0.1, 43)).isNotEqualTo(a);
        assertThat(a.validation()).hasSize(200);
        assertThat(a.test()).hasSize(100);
        assertThat(a.train()).hasSize(700);
        assertThat(Arrays.stream(a.validation()).filter(r -> labels[r] == 1).count()).isEqualTo(50);
        int[] every = IntStream.concat(IntStream.concat(Arrays.stream(a.train()), Arrays.stream(a.validation())),
                Arrays.stream(a.test())).sorted().toArray();
        assertThat(every).containsExactly(IntStream.range(0, 1000).toArray());
    }

    @Test
    void aTinyClassKeepsOneRowForTraining() {
        SplitRows rows = SplitRows.stratified(new int[] {0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1}, 0.5, 0.4, 1);
        assertThat(Arrays.stream(rows.train()).filter(r -> r == 10).count()).isEqualTo(1);
        assertThatThrownBy(() -> SplitRows.stratified(new int[] {0}, 0.6, 0.4, 1))
                .hasMessageContaining("together below 1");
    }

    @Test
    void normalisationUsesTrainingStatisticsOnly() {
        float[] train = {0, 2, 10, 10, 4, 6, 30, 30};
        Field field = Field.floats("image", FieldKind.IMAGE, new int[] {2, 1, 2}, train);
        Normalisation n = Normalisation.fit(field);
        assertThat(n.mean()).containsExactly(3f, 20f);
        assertThat(n.std()).containsExactly((float) Math.sqrt(5), 10f);
        Examples examples = new Examples(List.of(field), new int[] {0, 1});
        Field other = Field.floats("image", FieldKind.IMAGE, new int[] {2, 1, 2}, new float[] {100, 100, 100, 100});
        Splits splits = new Splits(examples, new Examples(List.of(other), new int[] {0}),
                new Examples(List.of(other), new int[] {0}));
        java.util.Map<String, Object> preprocessing = new java.util.HashMap<>();
        Splits normalised = splits.normalisePictures(preprocessing);
        // Validation values far from training ones do not move the statistics.
        assertThat(normalised.validation().fields().get(0).floats()[0]).isEqualTo((float) ((100 - 3) / Math.sqrt(5)));
        assertThat(normalised.validation().fields().get(0).floats()[2]).isEqualTo(8f);
        assertThat(preprocessing).containsKey("image");
    }

    @Test
    void aConstantGroupKeepsItsValuesApartInsteadOfDividingByZero() {
        Field field = Field.floats("x", FieldKind.FEATURES, new int[] {2}, new float[] {5, 1, 5, 3});
        Normalisation n = Normalisation.fit(field, new boolean[] {true, false});
        assertThat(n.mean()).containsExactly(5f, 0f);
        assertThat(n.std()).containsExactly(1f, 1f);
        assertThat(n.apply(field).floats()).containsExactly(0f, 1f, 0f, 3f);
    }

    @Test
    void augmentationFlipsAndShiftsReproduciblyAndLeavesTheFieldAlone() {
        float[] picture = new float[2 * 3 * 4];
        for (int i = 0; i < picture.length; i++) {
            picture[i] = i + 1;
        }
        float[] batch = new float[picture.length * 50];
        for (int e = 0; e < 50; e++) {
            System.arraycopy(picture, 0, batch, e * picture.length, picture.length);
        }
        Field field = Field.floats("image", FieldKind.IMAGE, new int[] {2, 3, 4}, batch);
        Augmentation augmentation = new Augmentation(true, 1);
        Field a = augmentation.apply(field, new Random(5));
        assertThat(a).isEqualTo(augmentation.apply(field, new Random(5)));
        assertThat(field.floats()).containsExactly(batch);
        boolean sawFlip = false;
        for (int e = 0; e < 50; e++) {
            float[] one = Arrays.copyOfRange(a.floats(), e * 24, e * 24 + 24);
            // A flip without shift maps row 0 of channel 0, "1 2 3 4", to "4 3 2 1".
            sawFlip |= one[0] == 4 && one[1] == 3 && one[2] == 2 && one[3] == 1 && one[12] == 16;
        }
        assertThat(sawFlip).isTrue();
    }

    @Test
    void noAugmentationChangesNothing() {
        float[] batch = {1, 2, 3, 4};
        Augmentation.NONE.apply(batch, new int[] {1, 2, 2}, new Random(1));
        assertThat(batch).containsExactly(1, 2, 3, 4);
    }

    @Test
    void fingerprintsDifferWithSettingsAndBoundaries() {
        assertThat(new Fingerprint().setting("a", "bc").hex()).isNotEqualTo(new Fingerprint().setting("ab", "c").hex());
        assertThat(new Fingerprint().setting("a", 1).hex()).isEqualTo(new Fingerprint().setting("a", 1).hex());
    }
}
