package dev.netloom.train;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import dev.netloom.train.data.Augmentation;
import dev.netloom.train.data.Examples;
import dev.netloom.train.data.Field;
import dev.netloom.train.data.FieldKind;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;

/** Batches from the reused buffers are exactly the batches {@link Batches} makes, step after step. */
class BatchBuffersTest {

    @Test
    void givesTheSameBatchesAsFreshArraysWhileReusingItsBuffers() {
        Engine.getInstance();
        int n = 40;
        Random random = new Random(3);
        float[] pictures = new float[n * 2 * 3 * 3];
        for (int i = 0; i < pictures.length; i++) {
            pictures[i] = (float) random.nextGaussian();
        }
        long[] tokens = new long[n * 5];
        for (int i = 0; i < tokens.length; i++) {
            tokens[i] = random.nextInt(50);
        }
        int[] labels = new int[n];
        for (int i = 0; i < n; i++) {
            labels[i] = random.nextInt(4);
        }
        Examples examples = new Examples(List.of(Field.floats("image", FieldKind.IMAGE, new int[] {2, 3, 3}, pictures),
                Field.tokens("question", 5, tokens)), labels);
        List<String> order = List.of("question", "image");
        BatchBuffers buffers = new BatchBuffers(examples, order, 8);
        Augmentation shifted = new Augmentation(true, 1);
        try (NDManager manager = NDManager.newBaseManager()) {
            for (int step = 0; step < 6; step++) {
                int[] rows = random.ints(step % 2 == 0 ? 8 : 5, 0, n).toArray(); // a short last batch too
                Augmentation augmentation = step >= 4 ? shifted : Augmentation.NONE;
                long seed = 100 + step;
                try (NDManager batch = manager.newSubManager()) {
                    NDList ours = buffers.inputs(batch, rows, augmentation, new Random(seed));
                    NDList fresh = Batches.inputs(batch, examples, order, rows, augmentation, new Random(seed));
                    assertThat(ours.get(0).getShape()).isEqualTo(fresh.get(0).getShape());
                    assertThat(ours.get(0).toLongArray()).containsExactly(fresh.get(0).toLongArray());
                    assertThat(ours.get(1).getShape()).isEqualTo(fresh.get(1).getShape());
                    assertThat(ours.get(1).toFloatArray()).containsExactly(fresh.get(1).toFloatArray());
                    assertThat(buffers.labels(batch, rows).toLongArray())
                            .containsExactly(Batches.labels(batch, examples, rows).toLongArray());
                }
            }
        }
    }

    @org.junit.jupiter.api.Test
    void anAlignedBufferHoldsWhatWasAskedWhereverTheAllocatorPutsIt() {
        // Direct buffers start at addresses 8 or 16 apart; many small ones cover every offset.
        for (int i = 0; i < 500; i++) {
            long bytes = 8 + (i % 64) * 8;
            java.nio.ByteBuffer b = BatchBuffers.aligned(bytes);
            org.assertj.core.api.Assertions.assertThat((long) b.capacity()).as("capacity for %d bytes", bytes)
                    .isGreaterThanOrEqualTo(bytes);
            org.assertj.core.api.Assertions.assertThat(b.alignmentOffset(0, 64)).isZero();
        }
    }
}
