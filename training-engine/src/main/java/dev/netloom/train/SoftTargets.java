package dev.netloom.train;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.training.ParameterStore;
import dev.netloom.train.data.Examples;
import dev.netloom.train.model.Scalars;

import java.util.List;

/**
 * What the student is distilled towards: one teacher's logits, or for an ensemble, logits whose
 * softmax at temperature T is the average of the teachers' softmaxes at T (the soft targets are
 * averaged, not the logits, so that a confident teacher does not drown out the others).
 */
final class SoftTargets {

    private SoftTargets() {
    }

    /**
     * Teacher logits [rows, classes] for some training rows, without gradient. Each teacher reads
     * the dataset fields it was trained on.
     */
    static NDArray of(NDManager batch, List<TrainedModel> teachers, Examples examples, int[] rows, float temperature) {
        if (teachers.size() == 1) {
            return logits(batch, teachers.get(0), examples, rows);
        }
        NDList logProbabilities = new NDList();
        for (TrainedModel t : teachers) {
            logProbabilities.add(Scalars.dividedBy(logits(batch, t, examples, rows), temperature).logSoftmax(1));
        }
        return ensemble(NDArrays.stack(logProbabilities), temperature);
    }

    /**
     * T · log(mean over teachers of softmax(logitsₖ / T)), from the teachers' log-probabilities at T
     * stacked as [teachers, rows, classes]; computed as a log-sum-exp so that a probability too
     * small for a float never becomes log(0).
     */
    static NDArray ensemble(NDArray logProbabilities, float temperature) {
        long teachers = logProbabilities.getShape().get(0);
        NDArray max = logProbabilities.max(new int[] {0});
        NDArray logMean = logProbabilities.sub(max).exp().sum(new int[] {0}).log().add(max)
                .sub((float) Math.log(teachers));
        return Scalars.times(logMean, temperature);
    }

    private static NDArray logits(NDManager batch, TrainedModel teacher, Examples examples, int[] rows) {
        return teacher.block().forward(new ParameterStore(batch, false),
                Batches.inputs(batch, examples, teacher.fieldOrder(), rows), false).get(0).stopGradient();
    }
}
