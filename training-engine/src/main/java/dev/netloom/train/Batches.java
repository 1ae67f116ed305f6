package dev.netloom.train;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import dev.netloom.train.data.Examples;
import dev.netloom.train.data.Augmentation;
import dev.netloom.train.data.Field;
import dev.netloom.train.data.FieldKind;

import java.util.List;

/** Turns rows of {@link Examples} into the arrays a {@link dev.netloom.train.model.GraphBlock} takes. */
final class Batches {

    private Batches() {
    }

    /**
     * The model's inputs for some rows.
     *
     * @param fieldNames the field feeding each graph input, in the block's input order
     */
    static NDList inputs(NDManager manager, Examples examples, List<String> fieldNames, int[] rows) {
        return inputs(manager, examples, fieldNames, rows, Augmentation.NONE, null);
    }

    /** The model's inputs for some rows, with pictures augmented from {@code random} (training only). */
    static NDList inputs(NDManager manager, Examples examples, List<String> fieldNames, int[] rows,
                         Augmentation augmentation, java.util.Random random) {
        NDList list = new NDList();
        for (String name : fieldNames) {
            Field f = examples.field(name).orElseThrow(() -> new IllegalArgumentException("no field " + name))
                    .select(rows);
            if (f.kind() == FieldKind.IMAGE && !augmentation.equals(Augmentation.NONE)) {
                f = augmentation.apply(f, random);
            }
            long[] shape = new long[f.shape().length + 1];
            shape[0] = rows.length;
            for (int i = 0; i < f.shape().length; i++) {
                shape[i + 1] = f.shape()[i];
            }
            list.add(f.numeric() ? manager.create(f.floats(), new Shape(shape))
                    : manager.create(f.ids(), new Shape(shape)));
        }
        return list;
    }

    /** Class indices for some rows, as INT64. */
    static NDArray labels(NDManager manager, Examples examples, int[] rows) {
        long[] labels = new long[rows.length];
        for (int i = 0; i < rows.length; i++) {
            labels[i] = examples.labels()[rows[i]];
        }
        return manager.create(labels);
    }

    /** Rows {@code from} (inclusive) to {@code to} (exclusive) of an order. */
    static int[] slice(int[] order, int from, int to) {
        int[] rows = new int[to - from];
        System.arraycopy(order, from, rows, 0, rows.length);
        return rows;
    }
}
