package dev.netloom.train;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import dev.netloom.train.data.Augmentation;
import dev.netloom.train.data.Examples;
import dev.netloom.train.data.Field;
import dev.netloom.train.data.FieldKind;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * A training run's batches, copied straight from the examples into native buffers made once and
 * reused every step; the engine's arrays are views of them ({@code from_blob}, no copy).
 * {@link Batches#inputs} instead selects the rows into a new Java array, which DJL copies into a
 * new native buffer: two copies and about 200 KB of garbage a step for a batch of 64 pictures.
 *
 * <p>Reuse is safe because a step's arrays do not outlive it: the batch's memory scope closes at
 * the end of the step, and backward has freed the graph that held the inputs by then.
 */
final class BatchBuffers {

    private final Examples examples;
    private final List<Field> fields = new ArrayList<>();
    private final List<ByteBuffer> buffers = new ArrayList<>();
    private final ByteBuffer labels;
    /** Per field, the values of its picture codes ({@link dev.netloom.train.data.PictureCodes#table}), or null. */
    private final List<float[]> tables = new ArrayList<>();
    /** A batch of decoded pictures on its way into a native buffer; null without picture codes. */
    private final float[] scratch;

    /**
     * @param fieldNames the field feeding each graph input, in the block's input order
     * @param maxRows the largest batch
     */
    BatchBuffers(Examples examples, List<String> fieldNames, int maxRows) {
        this.examples = examples;
        for (String name : fieldNames) {
            Field f = examples.field(name).orElseThrow(() -> new IllegalArgumentException("no field " + name));
            fields.add(f);
            buffers.add(aligned((long) maxRows * f.exampleSize() * (f.numeric() ? Float.BYTES : Long.BYTES)));
            tables.add(f.codes() != null ? f.codes().table() : null);
        }
        labels = aligned((long) maxRows * Long.BYTES);
        scratch = fields.stream().anyMatch(f -> f.codes() != null)
                ? new float[maxRows * fields.stream().mapToInt(Field::exampleSize).max().orElse(0)] : null;
    }

    /** The model's inputs for some rows, pictures augmented from {@code random} when asked. */
    NDList inputs(NDManager manager, int[] rows, Augmentation augmentation, Random random) {
        NDList list = new NDList(fields.size());
        for (int i = 0; i < fields.size(); i++) {
            Field f = fields.get(i);
            int size = f.exampleSize();
            ByteBuffer buffer = buffers.get(i);
            buffer.clear();
            if (f.kind() == FieldKind.IMAGE && !augmentation.equals(Augmentation.NONE)) {
                float[] picked = augmentation.apply(f.select(rows), random).floats();
                buffer.asFloatBuffer().put(picked);
            } else if (f.codes() != null) {
                // Pictures held as bytes: each value looked up in the field's table, which is the float
                // path's (x - mean) / std to the bit, then one bulk copy into the native buffer.
                float[] table = tables.get(i);
                for (int r = 0; r < rows.length; r++) {
                    f.codes().decode(table, rows[r], size, scratch, r * size);
                }
                buffer.asFloatBuffer().put(scratch, 0, rows.length * size);
            } else if (f.floats() != null) {
                java.nio.FloatBuffer out = buffer.asFloatBuffer();
                for (int row : rows) {
                    out.put(f.floats(), row * size, size);
                }
            } else {
                java.nio.LongBuffer out = buffer.asLongBuffer();
                for (int row : rows) {
                    out.put(f.ids(), row * size, size);
                }
            }
            long[] shape = new long[f.shape().length + 1];
            shape[0] = rows.length;
            for (int d = 0; d < f.shape().length; d++) {
                shape[d + 1] = f.shape()[d];
            }
            DataType type = f.numeric() ? DataType.FLOAT32 : DataType.INT64;
            list.add(manager.create(view(buffer, (long) rows.length * size * type.getNumOfBytes()), new Shape(shape),
                    type));
        }
        return list;
    }

    /** Class indices for some rows, as INT64. */
    NDArray labels(NDManager manager, int[] rows) {
        labels.clear();
        java.nio.LongBuffer out = labels.asLongBuffer();
        for (int row : rows) {
            out.put(examples.labels()[row]);
        }
        return manager.create(view(labels, (long) rows.length * Long.BYTES), new Shape(rows.length), DataType.INT64);
    }

    /** The first {@code bytes} of a buffer, as a direct buffer of their own (what DJL wraps without copying). */
    private static ByteBuffer view(ByteBuffer buffer, long bytes) {
        return buffer.duplicate().position(0).limit(Math.toIntExact(bytes)).slice().order(ByteOrder.nativeOrder());
    }

    /**
     * A native buffer of at least {@code bytes} on a 64-byte boundary (a cache line; what libtorch's
     * own allocator gives). {@code alignedSlice} also rounds the end down to a boundary, so the
     * size is rounded up first: without that, a small buffer (4 labels, 32 bytes) could come out
     * shorter than asked, depending on where the allocator put it.
     */
    static ByteBuffer aligned(long bytes) {
        long rounded = (bytes + 63) / 64 * 64;
        return ByteBuffer.allocateDirect(Math.toIntExact(rounded + 64)).alignedSlice(64).order(ByteOrder.nativeOrder());
    }
}
