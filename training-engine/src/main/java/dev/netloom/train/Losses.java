package dev.netloom.train;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.DataType;
import dev.netloom.train.model.Scalars;

/** The training objective for a classification head. */
final class Losses {

    private Losses() {
    }

    /**
     * Mean cross-entropy of logits [N, C] against class indices [N], with label smoothing ε:
     * the target puts 1 − ε on the true class and spreads ε evenly over all classes (Szegedy et al. 2016).
     */
    static NDArray crossEntropy(NDArray logits, NDArray labels, float smoothing) {
        long classes = logits.getShape().get(1);
        NDArray logProbabilities = logits.logSoftmax(1);
        NDArray target = labels.oneHot((int) classes).toType(DataType.FLOAT32, false);
        if (smoothing > 0) {
            target = Scalars.times(target, 1f - smoothing).add(smoothing / classes);
        }
        return target.mul(logProbabilities).sum(new int[] {1}).neg().mean();
    }

    /**
     * The distillation term T² · KL(softmax(teacher/T) ‖ softmax(student/T)), averaged over rows;
     * T² keeps its gradients on the scale of the hard-label loss (Hinton et al. 2015).
     */
    static NDArray distillation(NDArray student, NDArray teacher, float temperature) {
        NDArray target = Scalars.dividedBy(teacher, temperature).softmax(1);
        NDArray logTarget = Scalars.dividedBy(teacher, temperature).logSoftmax(1);
        NDArray logStudent = Scalars.dividedBy(student, temperature).logSoftmax(1);
        return Scalars.times(target.mul(logTarget.sub(logStudent)).sum(new int[] {1}).mean(), temperature * temperature);
    }

    /** How many rows have their highest logit at the label (a count, so that accuracies add up exactly). */
    static long correct(NDArray logits, NDArray labels) {
        return logits.argMax(1).eq(labels).toType(DataType.INT64, false).sum().getLong();
    }
}
