package dev.netloom.train;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import dev.netloom.train.data.Augmentation;
import dev.netloom.train.data.Examples;
import dev.netloom.train.data.Field;
import dev.netloom.train.data.FieldKind;
import dev.netloom.train.data.Normalisation;
import dev.netloom.train.data.Splits;
import org.junit.jupiter.api.Test;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Pictures held as bytes reach the model as the old float path gave them, bit for bit: decoded
 * to {@code code / 255f}, standardised with the training split's statistics, batched, augmented.
 */
class PictureCodesBatchTest {

    /** The same pictures both ways: as bytes, and as the floats {@code code / 255f} the readers made before. */
    private static Examples[] bothWays(int n, int channels, Random random) {
        int[] shape = {channels, 4, 5};
        byte[] codes = new byte[n * channels * 20];
        random.nextBytes(codes);
        float[] floats = new float[codes.length];
        for (int i = 0; i < codes.length; i++) {
            floats[i] = (codes[i] & 0xff) / 255f;
        }
        int[] labels = random.ints(n, 0, 3).toArray();
        return new Examples[] {new Examples(List.of(Field.pictures("image", shape, codes)), labels),
            new Examples(List.of(Field.floats("image", FieldKind.IMAGE, shape, floats)), labels)};
    }

    @Test
    void normalisedBatchesEqualTheFloatPathBitForBit() {
        Engine.getInstance();
        Random random = new Random(11);
        for (int channels : new int[] {1, 3}) {
            Examples[] both = bothWays(50, channels, random);
            Map<String, Object> codePre = new LinkedHashMap<>();
            Map<String, Object> floatPre = new LinkedHashMap<>();
            Splits codes = new Splits(both[0], both[0].select(new int[] {1, 2}), both[0].select(new int[] {3}))
                    .normalisePictures(codePre);
            Splits floats = new Splits(both[1], both[1].select(new int[] {1, 2}), both[1].select(new int[] {3}))
                    .normalisePictures(floatPre);
            assertThat(codePre).isEqualTo(floatPre); // the same statistics, to the bit
            Field held = codes.train().field("image").orElseThrow();
            assertThat(held.codes()).as("still bytes after standardisation").isNotNull();
            assertThat(held.floats()).containsExactly(floats.train().field("image").orElseThrow().floats());
            assertThat(codes.validation().field("image").orElseThrow().floats())
                    .containsExactly(floats.validation().field("image").orElseThrow().floats());

            BatchBuffers buffers = new BatchBuffers(codes.train(), List.of("image"), 8);
            try (NDManager manager = NDManager.newBaseManager()) {
                for (int step = 0; step < 6; step++) {
                    int[] rows = random.ints(step % 2 == 0 ? 8 : 3, 0, 50).toArray();
                    Augmentation augmentation = step >= 3 ? new Augmentation(true, 1) : Augmentation.NONE;
                    NDList ours = buffers.inputs(manager, rows, augmentation, new Random(step));
                    NDList old = Batches.inputs(manager, floats.train(), List.of("image"), rows, augmentation,
                            new Random(step));
                    assertThat(ours.get(0).getShape()).isEqualTo(old.get(0).getShape());
                    assertThat(ours.get(0).toFloatArray()).as("%d channels, step %d", channels, step)
                            .containsExactly(old.get(0).toFloatArray());
                }
            }
        }
    }

    @Test
    void selectingJoiningAndReadingOneExampleKeepTheValues() {
        Random random = new Random(5);
        Examples[] both = bothWays(30, 3, random);
        Field codes = both[0].field("image").orElseThrow();
        Field floats = both[1].field("image").orElseThrow();
        Normalisation n = Normalisation.fit(floats);
        assertThat(Normalisation.fit(codes)).isEqualTo(n);
        Field standardised = n.apply(codes);
        Field old = n.apply(floats);
        int[] rows = {4, 0, 29, 4};
        assertThat(standardised.select(rows).codes()).isNotNull();
        assertThat(standardised.select(rows)).isEqualTo(old.select(rows));
        Field joined = Field.concat(List.of(standardised.select(rows), standardised.select(new int[] {7})));
        assertThat(joined.codes()).isNotNull();
        assertThat(joined.floats()).containsExactly(Field.concat(List.of(old.select(rows), old.select(new int[] {7})))
                .floats());
        float[] one = new float[standardised.exampleSize()];
        standardised.valuesOf(17, one, 0);
        assertThat(one).containsExactly(old.select(new int[] {17}).floats());
        // A second standardisation of codes already standardised gives what it gave on floats.
        assertThat(n.apply(standardised).floats()).containsExactly(n.apply(old).floats());
    }
}
