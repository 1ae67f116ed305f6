package dev.netloom.train;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.nn.Parameter;
import ai.djl.training.GradientCollector;
import ai.djl.training.Trainer;
import dev.netloom.train.StepProfile.Phase;
import dev.netloom.train.data.Examples;
import dev.netloom.train.model.Scalars;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * One optimiser step of a run, phase by phase: the batch into the engine, forward, the
 * objective, backward (and clipping), the optimiser, and the step's loss and accuracy read back.
 * Each phase's time goes to the run's {@link StepProfile}.
 */
final class TrainingStep {

    private final Trainer trainer;
    private final TrainedModel model;
    private final Examples train;
    private final List<String> fieldOrder;
    private final TrainingSettings settings;
    private final TrainingRun.Distillation distillation;
    /** Reseeded every epoch by the run (see {@link #augmentWith}). */
    private Random augmentationRandom;
    private final StepProfile profile;
    private final RestorableOptimizer optimizer;
    /** The weights the optimiser updates (frozen ones left out), fixed for the run. */
    private final List<Parameter> trainable;
    /** The objective and correct count as one native call; null when that speed-up is off. */
    private final FusedLoss fusedLoss;
    /** Reused native buffers for the batches; null when that speed-up is off. */
    private final BatchBuffers buffers;
    /** The class per position of every example, for a per-position head; null when labels are per example. */
    private final dev.netloom.train.data.Field mask;

    TrainingStep(Trainer trainer, TrainedModel model, Examples train, List<String> fieldOrder,
                 TrainingSettings settings, TrainingRun.Distillation distillation, Random augmentationRandom,
                 StepProfile profile, RestorableOptimizer optimizer, dev.netloom.train.data.Field mask) {
        this.trainer = trainer;
        this.model = model;
        this.train = train;
        this.fieldOrder = fieldOrder;
        this.settings = settings;
        this.distillation = distillation;
        this.augmentationRandom = augmentationRandom;
        this.profile = profile;
        this.optimizer = optimizer;
        this.trainable = model.block().weightsByName().values().stream().filter(Parameter::requiresGradient).toList();
        this.mask = mask;
        // The buffers and the fused loss know one label per example; a per-position head takes the plain path.
        this.buffers = StepLevers.BATCH_BUFFERS.on() && mask == null
                ? new BatchBuffers(train, fieldOrder, Math.min(settings.batchSize(), train.size())) : null;
        this.fusedLoss = StepLevers.FUSED_LOSS.on() && mask == null
                ? new FusedLoss(trainer.getManager(), (float) settings.labelSmoothing()) : null;
    }

    /** The generator of the coming epoch's augmentation draws (seeded by the run's seed and the epoch). */
    void augmentWith(Random random) {
        this.augmentationRandom = random;
    }

    /** One optimiser step on these rows; returns the loss and the accuracy of the batch. */
    double[] run(int[] rows) {
        try (NDManager batch = trainer.getManager().newSubManager()) {
            long t0 = profile.now();
            NDList inputs = buffers != null
                    ? buffers.inputs(batch, rows, settings.augmentation(), augmentationRandom)
                    : Batches.inputs(batch, train, fieldOrder, rows, settings.augmentation(), augmentationRandom);
            NDArray labels = mask != null ? PositionLabels.labels(batch, mask, rows)
                    : buffers != null ? buffers.labels(batch, rows) : Batches.labels(batch, train, rows);
            long t1 = profile.now();
            profile.add(Phase.DATA, t1 - t0);
            NDArray logits;
            NDArray objective;
            NDArray correct = null;
            try (GradientCollector collector = trainer.newGradientCollector()) {
                NDList out = trainer.forward(inputs);
                logits = out.get(0);
                long t2 = profile.now();
                profile.add(Phase.FORWARD, t2 - t1);
                if (mask != null) {
                    objective = PositionLabels.crossEntropy(logits, labels, (float) settings.labelSmoothing());
                } else if (fusedLoss != null) {
                    NDList lossAndCorrect = fusedLoss.lossAndCorrect(logits, labels);
                    objective = lossAndCorrect.get(0);
                    correct = lossAndCorrect.get(1);
                } else {
                    objective = Losses.crossEntropy(logits, labels, (float) settings.labelSmoothing());
                }
                if (distillation != null) {
                    NDArray teacher = SoftTargets.of(batch, distillation.teachers(), train, rows,
                            distillation.temperature());
                    objective = Scalars.times(objective, (float) (1 - distillation.weight())).add(Scalars.times(
                            Losses.distillation(logits, teacher, distillation.temperature()),
                            (float) distillation.weight()));
                }
                objective = objective.add(out.get(out.size() - 1));
                long t3 = profile.now();
                profile.add(Phase.LOSS, t3 - t2);
                collector.backward(objective);
                if (settings.gradientClip() > 0) {
                    clipGradients(model, (float) settings.gradientClip(), batch);
                }
                profile.add(Phase.BACKWARD, profile.now() - t3);
            }
            long t4 = profile.now();
            float loss = objective.getFloat();
            double accuracy = mask != null ? positionAccuracy(logits, labels)
                    : (double) (correct != null ? correct.getLong() : Losses.correct(logits, labels)) / rows.length;
            long t5 = profile.now();
            profile.add(Phase.METRICS, t5 - t4);
            optimizer.step(trainable);
            profile.add(Phase.OPTIMIZER, profile.now() - t5);
            profile.step(batch.getManagedArrays().size());
            return new double[] {loss, accuracy};
        }
    }

    /** The share of labelled positions of the batch whose best class is the label. */
    private static double positionAccuracy(NDArray logits, NDArray labels) {
        SegmentationScore score = new SegmentationScore((int) PositionLabels.rows(logits).getShape().get(1));
        score.add(labels.toLongArray(), PositionLabels.predicted(logits));
        return score.pixelAccuracy();
    }

    /**
     * Scales all gradients together so that their global L2 norm is at most {@code limit}. The
     * engine's handles on the gradients and the squares are moved to the batch's manager: left
     * with the weights' manager they stayed until the model closed, a copy of every gradient a step.
     */
    static void clipGradients(TrainedModel model, float limit, NDManager batch) {
        double squares = 0;
        List<NDArray> gradients = new ArrayList<>();
        for (Parameter p : model.block().weightsByName().values()) {
            if (p.requiresGradient()) {
                NDArray g = p.getArray().getGradient();
                g.attach(batch);
                gradients.add(g);
                squares += g.square().sum().getFloat();
            }
        }
        double norm = Math.sqrt(squares);
        if (norm > limit) {
            float scale = (float) (limit / norm);
            gradients.forEach(g -> g.muli(scale));
        }
    }
}
