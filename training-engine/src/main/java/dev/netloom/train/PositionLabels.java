package dev.netloom.train;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import dev.netloom.train.data.Examples;
import dev.netloom.train.data.Field;
import dev.netloom.train.data.FieldKind;

/**
 * The objective of a per-position classification head (segmentation, tagging): a class per pixel
 * or token, from the examples' {@link FieldKind#MASK} field. Logits are [N, K, H, W] for a
 * feature map (classes first, as the head gives them) or [N, T, K] for a sequence; labels are
 * [N, H, W] or [N, T] class ids, {@link #UNLABELLED} where a position has no label.
 */
public final class PositionLabels {

    /** The class id of an unlabelled position: left out of the loss and of every score. */
    public static final long UNLABELLED = -1;

    private PositionLabels() {
    }

    /** The examples' mask field; refused in one line when there is none or more than one. */
    public static Field maskOf(Examples examples) {
        var masks = examples.fields(FieldKind.MASK);
        if (masks.size() != 1) {
            throw new IllegalArgumentException("a per-position head needs the data to give a mask (a class per pixel "
                    + "or token) for every example; this data has " + masks.size() + " mask fields");
        }
        return masks.get(0);
    }

    /** The labels of some rows as INT64 [N, ...positions]. */
    static NDArray labels(NDManager manager, Field mask, int[] rows) {
        Field picked = mask.select(rows);
        long[] shape = new long[mask.shape().length + 1];
        shape[0] = rows.length;
        for (int i = 0; i < mask.shape().length; i++) {
            shape[i + 1] = mask.shape()[i];
        }
        return manager.create(picked.ids(), new Shape(shape));
    }

    /** Logits with the class axis last and every position a row: [positions, K]. */
    static NDArray rows(NDArray logits) {
        Shape s = logits.getShape();
        long classes = s.dimension() == 4 ? s.get(1) : s.get(s.dimension() - 1);
        NDArray last = s.dimension() == 4 ? logits.transpose(0, 2, 3, 1) : logits;
        return last.reshape(-1, classes);
    }

    /**
     * Mean label-smoothed cross-entropy over the labelled positions of the batch (0 when none is
     * labelled), so an unlabelled pixel neither pulls the model nor dilutes the mean.
     */
    static NDArray crossEntropy(NDArray logits, NDArray labels, float smoothing) {
        NDArray scores = rows(logits);
        long classes = scores.getShape().get(1);
        NDArray flat = labels.reshape(-1);
        NDArray labelled = flat.gte(0);
        NDArray safe = flat.mul(labelled.toType(DataType.INT64, false)); // unlabelled -> class 0, weighted 0 below
        NDArray target = safe.oneHot((int) classes).toType(DataType.FLOAT32, false);
        if (smoothing > 0) {
            target = dev.netloom.train.model.Scalars.times(target, 1f - smoothing).add(smoothing / classes);
        }
        NDArray perPosition = target.mul(scores.logSoftmax(1)).sum(new int[] {1}).neg();
        NDArray weight = labelled.toType(DataType.FLOAT32, false);
        return perPosition.mul(weight).sum().div(dev.netloom.train.model.Scalars.atLeast(weight.sum(), 1f));
    }

    /** The predicted class at every position, [positions] INT64, in the order of {@link #rows}. */
    static long[] predicted(NDArray logits) {
        return rows(logits).argMax(1).toType(DataType.INT64, false).toLongArray();
    }
}
