package dev.netloom.train;

import ai.djl.Device;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.training.DefaultTrainingConfig;
import ai.djl.training.Trainer;
import ai.djl.training.loss.Loss;
import dev.netloom.graph.analysis.GraphAnalysis;
import dev.netloom.graph.catalog.Category;
import dev.netloom.graph.catalog.LayerType;
import dev.netloom.train.TrainingListener.EndReason;
import dev.netloom.train.TrainingListener.EpochReport;
import dev.netloom.train.TrainingListener.Recovery;
import dev.netloom.train.TrainingListener.RunEnd;
import dev.netloom.train.TrainingListener.RunStart;
import dev.netloom.train.TrainingListener.StepReport;
import dev.netloom.graph.artifact.Tensor;
import dev.netloom.train.data.Examples;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * One training of a graph on a dataset, on this computer. Build it, add a listener, then
 * {@link #run()} on a worker thread; {@link #cancel()} from any thread ends it within one step,
 * after writing a consistent checkpoint when a checkpoint file is set.
 *
 * <p>What it does each step: a shuffled batch forward, cross-entropy (with label smoothing) plus
 * the graph's auxiliary losses, backward, optional global-norm gradient clipping, an optimiser
 * step under the learning-rate schedule. After each epoch it evaluates the validation split,
 * keeps the best weights, checkpoints, and stops early when accuracy stops improving.
 *
 * <p>Divergence: data holding a value that is not a number is refused before the first step,
 * naming the example. A loss that becomes NaN or infinite, or explodes (see {@link DivergenceGuard}),
 * sends the run back to the last good weights and optimiser state (kept every few dozen steps),
 * lowers the learning rate and goes on ({@link TrainingListener#onRecovery}); only when that fails
 * {@link TrainingSettings#MAX_RECOVERIES} times, or recovery is off, does the run stop, with the
 * step and the likely cause.
 */
public final class TrainingRun {

    private final GraphAnalysis analysis;
    private final Examples train;
    private final Examples validation;
    private final List<String> fieldOrder;
    private final TrainingSettings settings;
    private final AtomicBoolean cancelled = new AtomicBoolean();
    private final TrainingListeners listener = new TrainingListeners(); // every listener added, heard as one
    private Path checkpoint;
    private Checkpoint resumeFrom;
    private Map<String, Tensor> startWeights;
    private java.util.Set<String> frozenNodes = java.util.Set.of();
    private Distillation distillation;
    private final List<EpochReport> history = new ArrayList<>();
    private StepProfile profile = new StepProfile();
    /** Whether the head answers per position: labels come from the examples' mask, scores add mean IoU. */
    private final boolean perPosition;

    /**
     * @param fieldOrder the dataset field feeding each graph input, in graph order of the inputs
     */
    public TrainingRun(GraphAnalysis analysis, Examples train, Examples validation, List<String> fieldOrder,
                       TrainingSettings settings) {
        if (!analysis.isValid()) {
            throw new IllegalArgumentException("the graph cannot be trained: " + analysis.problems().get(0));
        }
        long heads = analysis.reports().values().stream().filter(r -> r.spec().category() == Category.HEADS).count();
        boolean classification = analysis.reports().values().stream()
                .anyMatch(r -> r.spec().layerType().equals(LayerType.CLASSIFICATION)
                        || r.spec().layerType().equals(LayerType.PER_POSITION_CLASSIFICATION));
        if (heads != 1 || !classification) {
            throw new IllegalArgumentException("training needs exactly one Classification or PerPositionClassification "
                    + "head for now; this graph has " + heads + " head(s)"
                    + (classification ? "" : ", none of them a classification"));
        }
        if (train.size() == 0 || validation.size() == 0) {
            throw new IllegalArgumentException("training needs examples in both the training and validation splits");
        }
        this.perPosition = perPosition(analysis);
        if (perPosition) {
            checkMasks(analysis, PositionLabels.maskOf(train), "training");
            checkMasks(analysis, PositionLabels.maskOf(validation), "validation");
        }
        this.analysis = analysis;
        this.train = train;
        this.validation = validation;
        this.fieldOrder = List.copyOf(fieldOrder);
        this.settings = settings;
    }

    /** Adds a listener: every listener added hears every event, in the order added. */
    public TrainingRun listener(TrainingListener l) {
        listener.add(l);
        return this;
    }

    /** Writes a checkpoint to this file after every epoch and on cancel. */
    public TrainingRun checkpointTo(Path file) {
        this.checkpoint = file;
        return this;
    }

    /** Starts from a checkpoint's weights, after the epochs it had completed. */
    public TrainingRun resumeFrom(Path file) throws IOException {
        this.resumeFrom = Checkpoint.read(file);
        return this;
    }

    /**
     * Fine-tuning: starts from trained weights instead of random ones. Weights whose name and
     * shape match this graph are taken (so a graph with a new head keeps everything else); the
     * rest start fresh. {@link #reusedWeights()} tells which were taken.
     */
    public TrainingRun startFrom(Map<String, Tensor> weights) {
        this.startWeights = Map.copyOf(weights);
        return this;
    }

    /**
     * Quantization-aware training: every forward pass computes with the weights rounded as the
     * plan says (the exporter's rule), the gradient passing straight through; the model the run
     * returns keeps predicting that way. Null or an all-FP32 plan: plain training.
     */
    public TrainingRun quantizeFor(dev.netloom.graph.quantize.QuantizationPlan plan) {
        this.quantization = plan == null || plan.isFp32() ? null : plan;
        return this;
    }

    private dev.netloom.graph.quantize.QuantizationPlan quantization;

    /** Keeps the weights of these nodes as they are (few-shot adaptation trains only the rest). */
    public TrainingRun freeze(java.util.Set<String> nodeIds) {
        java.util.Set<String> unknown = new java.util.TreeSet<>(nodeIds);
        unknown.removeAll(analysis.reports().keySet());
        if (!unknown.isEmpty()) {
            throw new IllegalArgumentException("cannot freeze nodes the graph does not have: " + unknown);
        }
        this.frozenNodes = java.util.Set.copyOf(nodeIds);
        return this;
    }

    /**
     * Knowledge distillation (Hinton et al. 2015): the loss becomes
     * {@code (1 − weight) · CE(student, label) + weight · T² · KL(teacher_T ‖ student_T)}, where
     * {@code _T} are softmaxes at temperature T. The teacher reads the same dataset fields.
     */
    public TrainingRun distillFrom(TrainedModel teacher, double temperature, double weight) {
        return distillFrom(List.of(teacher), temperature, weight);
    }

    /**
     * Distillation from an ensemble: the soft targets are the average of the teachers' softmaxes
     * at temperature T ({@link SoftTargets}). Every teacher must predict as many classes as this
     * graph's head.
     */
    public TrainingRun distillFrom(List<TrainedModel> teachers, double temperature, double weight) {
        if (temperature <= 0 || weight < 0 || weight > 1) {
            throw new IllegalArgumentException("distillation needs a temperature > 0 and a weight in [0, 1]");
        }
        if (teachers.isEmpty()) {
            throw new IllegalArgumentException("distillation needs at least one teacher");
        }
        for (TrainedModel t : teachers) {
            int theirs = t.analysis().reports().values().stream()
                    .filter(r -> r.spec().layerType().equals(dev.netloom.graph.catalog.LayerType.CLASSIFICATION))
                    .mapToInt(r -> ((Number) r.params().get("classes")).intValue()).findFirst().orElse(-1);
            if (theirs != classes()) {
                throw new IllegalArgumentException("a teacher predicts " + theirs + " classes, this model " + classes()
                        + ": a teacher must have the same classes");
            }
        }
        this.distillation = new Distillation(List.copyOf(teachers), (float) temperature, (float) weight);
        return this;
    }

    record Distillation(List<TrainedModel> teachers, float temperature, float weight) {
    }

    private final List<String> reused = new ArrayList<>();

    /** The weights taken from {@link #startFrom}, once the run has started. */
    public List<String> reusedWeights() {
        return List.copyOf(reused);
    }

    private int spikeStep = -1;
    private double spikeFactor = 1;

    /**
     * For tests: multiplies the learning rate of one update, global step {@code step} (from 1), by
     * {@code factor}, once. A huge factor makes that update blow the weights up through the real
     * optimiser, so that tests can force a divergence at a known step.
     */
    TrainingRun spikeLearningRate(int step, double factor) {
        this.spikeStep = step;
        this.spikeFactor = factor;
        return this;
    }

    /** Times this run's steps into {@code p} (phase by phase) instead of a profile of its own. */
    public TrainingRun profile(StepProfile p) {
        this.profile = java.util.Objects.requireNonNull(p);
        return this;
    }

    /** Asks the run to stop; it ends within one step. Safe from any thread. */
    public void cancel() {
        cancelled.set(true);
    }

    /** Epoch reports so far. */
    public List<EpochReport> history() {
        return List.copyOf(history);
    }

    /**
     * Trains and returns the model with its best weights (by validation accuracy). The caller
     * closes the result.
     *
     * @throws TrainingException when the run cannot start (memory) or diverges
     */
    public Result run() throws TrainingException {
        if (perPosition && distillation != null) {
            throw new IllegalArgumentException("distillation needs one answer per example; this model answers per "
                    + "position (a PerPositionClassification head)");
        }
        if (perPosition && !settings.augmentation().equals(dev.netloom.train.data.Augmentation.NONE)) {
            throw new IllegalArgumentException("augmentation does not move masks with their pictures yet; set "
                    + "training.augmentation to none for a model with a PerPositionClassification head");
        }
        refuseNonFiniteData(train, "training");
        refuseNonFiniteData(validation, "validation");
        MemoryEstimate memory = MemoryEstimate.of(analysis, settings);
        memory.checkFits();
        ai.djl.engine.Engine.getInstance(); // loads the native library before it is configured
        ai.djl.pytorch.jni.JniUtils.setNumThreads(ThreadChoice.resolve(settings, analysis));
        TrainedModel model = TrainedModel.create(analysis, fieldOrder, settings.seed());
        if (quantization != null) {
            model.block().quantize(new dev.netloom.train.quantize.WeightQuantization(analysis, quantization));
        }
        try {
            RunEnd end = train(model, memory);
            return new Result(model, end, history());
        } catch (RuntimeException | TrainingException e) {
            model.close();
            throw e;
        }
    }

    /** A value that is not a number would make every loss NaN: the data is at fault, and is named. */
    private static void refuseNonFiniteData(Examples examples, String split) throws TrainingException {
        java.util.Optional<dev.netloom.train.data.NonFiniteValue> bad = dev.netloom.train.data.NonFiniteValue.first(examples);
        if (bad.isPresent()) {
            throw new TrainingException(bad.get().describe(split, examples));
        }
    }

    /**
     * What a run made; closing it closes the model.
     *
     * @param model the model with its best weights
     * @param end why and how the run ended
     * @param history one report per epoch
     */
    public record Result(TrainedModel model, RunEnd end, List<EpochReport> history) implements AutoCloseable {
        @Override
        public void close() {
            model.close();
        }
    }

    private RunEnd train(TrainedModel model, MemoryEstimate memory) throws TrainingException {
        int batch = Math.min(settings.batchSize(), train.size());
        int stepsPerEpoch = (train.size() + batch - 1) / batch;
        int firstEpoch = 1;
        int step = 0;
        double best = -1;
        LearningRateSchedule schedule = new LearningRateSchedule(settings, stepsPerEpoch);
        if (resumeFrom != null) {
            model.setWeights(resumeFrom.weights());
            firstEpoch = resumeFrom.epochsDone() + 1;
            step = resumeFrom.steps();
            best = resumeFrom.bestAccuracy();
            schedule.scaleBy(resumeFrom.learningRateScale());
        }
        if (startWeights != null && resumeFrom == null) {
            Map<String, Tensor> current = model.weights();
            startWeights.forEach((name, t) -> {
                Tensor here = current.get(name);
                if (here != null && java.util.Arrays.equals(here.shape(), t.shape())) {
                    current.put(name, t);
                    reused.add(name);
                }
            });
            model.setWeights(current);
        }
        model.block().weightsByName().forEach((name, p) -> {
            if (frozenNodes.contains(name.substring(0, name.indexOf('.'))) && p.requiresGradient()) {
                p.freeze(true);
            }
        });
        model.block().computeAsInference(frozenNodes);
        Map<String, Tensor> bestWeights = resumeFrom != null && resumeFrom.bestWeights() != null
                ? resumeFrom.bestWeights() : model.weights();
        int sinceBest = 0;
        RestorableOptimizer optimizer = optimizer(schedule);
        DefaultTrainingConfig config = new DefaultTrainingConfig(Loss.softmaxCrossEntropyLoss())
                .optOptimizer(optimizer)
                .optDevices(new Device[] {Device.cpu()});
        DivergenceGuard guard = new DivergenceGuard(classes());
        int saveEvery = Math.max(1, Math.min(SAVE_EVERY, stepsPerEpoch));
        List<Recovery> recoveries = new ArrayList<>();
        listener.onStart(new RunStart(train.size(), stepsPerEpoch, settings.epochs(), firstEpoch, memory.bytes()));
        long started = System.nanoTime();
        long examplesSeen = 0;
        int epochsRun = firstEpoch - 1;
        try (Trainer trainer = model.model().newTrainer(config);
             Rollback rollback = new Rollback(model, optimizer, trainer.getManager())) {
            if (resumeFrom != null && resumeFrom.optimizer() != null
                    && resumeFrom.optimizer().optimizer().equals(settings.optimizer())) {
                // The moments go on from where they were, so a resumed run continues as if never stopped.
                resumeFrom.optimizer().restoreInto(optimizer, model.block().weightsByName(), trainer.getManager());
            }
            TrainingStep trainingStep = new TrainingStep(trainer, model, train, fieldOrder, settings, distillation,
                    new Random(settings.seed() * 31 + firstEpoch), profile, optimizer,
                    perPosition ? PositionLabels.maskOf(train) : null);
            rollback.save(step);
            for (int epoch = firstEpoch; epoch <= settings.epochs(); epoch++) {
                long epochStart = System.nanoTime();
                int[] order = shuffled(train.size(), new Random(settings.seed() * 1_000_003L + epoch));
                // Every random draw of an epoch (augmentation; dropout and router noise in the engine)
                // comes from generators seeded by the seed and the epoch alone: a run resumed at an
                // epoch draws what the uninterrupted run drew there.
                trainingStep.augmentWith(new Random(settings.seed() * 31 + epoch));
                ai.djl.engine.Engine.getInstance().setRandomSeed(EpochSeed.of(settings.seed(), epoch));
                double lossSum = 0;
                double correct = 0;
                long counted = 0;
                Map<String, long[]> routed = new LinkedHashMap<>();
                for (int s = 0; s < stepsPerEpoch; s++) {
                    if (cancelled.get()) {
                        saveCheckpoint(model, epoch - 1, step, best, schedule.scale(), bestWeights, optimizer,
                                trainer.getManager());
                        return finish(new RunEnd(EndReason.CANCELLED, "cancelled during epoch " + epoch + " at step "
                                + step + (checkpoint != null ? "; checkpoint " + checkpoint + " holds the last step" : ""),
                                epochsRun, best, recoveries), model, bestWeights, false);
                    }
                    int[] rows = Batches.slice(order, s * batch, Math.min(train.size(), (s + 1) * batch));
                    schedule.at(step);
                    float rate = schedule.rate(step);
                    if (step + 1 == spikeStep) {
                        schedule.onceTimes(spikeFactor);
                        spikeStep = -1;
                    }
                    double[] lossAndAccuracy;
                    try {
                        lossAndAccuracy = trainingStep.run(rows);
                    } finally {
                        schedule.clearOnce();
                    }
                    long eventsStart = profile.now();
                    step++;
                    examplesSeen += rows.length;
                    String diverged = guard.check(lossAndAccuracy[0]);
                    if (diverged != null && !settings.divergenceRecovery() && Double.isFinite(lossAndAccuracy[0])) {
                        diverged = null; // without recovery, only a loss that is not a number stops the run (as before)
                    }
                    if (diverged == null && step % saveEvery == 0 && !rollback.save(step)) {
                        diverged = "the weights became NaN or infinite";
                    }
                    if (diverged != null) {
                        if (!settings.divergenceRecovery() || recoveries.size() >= TrainingSettings.MAX_RECOVERIES) {
                            throw new TrainingException(failure(diverged, lossAndAccuracy[0], step, epoch, recoveries,
                                    schedule.scale()));
                        }
                        int back = rollback.restore();
                        double before = settings.learningRate() * schedule.scale();
                        schedule.scaleBy(TrainingSettings.RECOVERY_RATE_FACTOR);
                        Recovery recovery = new Recovery(step, epoch, lossAndAccuracy[0], diverged, back, before,
                                settings.learningRate() * schedule.scale(), recoveries.size() + 1,
                                TrainingSettings.MAX_RECOVERIES);
                        recoveries.add(recovery);
                        listener.onRecovery(recovery);
                        continue;
                    }
                    model.block().lastRouting().forEach((node, counts) -> {
                        long[] sum = routed.computeIfAbsent(node, k -> new long[counts.length]);
                        for (int i = 0; i < counts.length; i++) {
                            sum[i] += counts[i];
                        }
                    });
                    lossSum += lossAndAccuracy[0] * rows.length;
                    correct += Math.round(lossAndAccuracy[1] * rows.length);
                    counted += rows.length;
                    double elapsed = (System.nanoTime() - started) / 1e9;
                    double perSecond = examplesSeen / Math.max(elapsed, 1e-9);
                    long examplesLeft = (long) (settings.epochs() - epoch) * train.size()
                            + (long) (stepsPerEpoch - s - 1) * batch;
                    listener.onStep(new StepReport(step, epoch, lossAndAccuracy[0], lossAndAccuracy[1], rate, perSecond,
                            examplesLeft / perSecond));
                    profile.add(StepProfile.Phase.EVENTS, profile.now() - eventsStart);
                }
                double[] val = evaluate(model, validation, settings.batchSize());
                if (!Double.isFinite(val[0])) {
                    throw new TrainingException(validationFailure(val[0], epoch, lossSum / Math.max(1, counted), model));
                }
                EpochReport report = new EpochReport(epoch, lossSum / Math.max(1, counted),
                        correct / Math.max(1, counted), val[0], val[1], (System.nanoTime() - epochStart) / 1e9,
                        shares(routed), val.length > 2 ? val[2] : Double.NaN);
                history.add(report);
                epochsRun = epoch;
                listener.onEpoch(report);
                if (val[1] > best) {
                    best = val[1];
                    bestWeights = model.weights();
                    sinceBest = 0;
                } else {
                    sinceBest++;
                }
                saveCheckpoint(model, epoch, step, best, schedule.scale(), bestWeights, optimizer, trainer.getManager());
                if (settings.earlyStoppingPatience() > 0 && sinceBest >= settings.earlyStoppingPatience()) {
                    return finish(new RunEnd(EndReason.EARLY_STOPPED, "validation accuracy did not improve for "
                            + sinceBest + " epochs; kept the best, " + percent(best) + recovered(recoveries, schedule),
                            epochsRun, best, recoveries), model, bestWeights, true);
                }
            }
        } catch (TrainingException e) {
            listener.onEnd(new RunEnd(EndReason.DIVERGED, e.getMessage(), epochsRun, best, recoveries));
            throw e;
        }
        return finish(new RunEnd(EndReason.COMPLETED, "trained " + epochsRun + (epochsRun == 1 ? " epoch" : " epochs")
                + "; best validation accuracy " + percent(best) + recovered(recoveries, schedule), epochsRun, best,
                recoveries), model, bestWeights, true);
    }

    /** How often (in steps, at most once an epoch) the last good weights and optimiser state are kept. */
    private static final int SAVE_EVERY = 50;

    /** The end message's note on recoveries, empty without any. */
    private String recovered(List<Recovery> recoveries, LearningRateSchedule schedule) {
        if (recoveries.isEmpty()) {
            return "";
        }
        return String.format(java.util.Locale.ROOT, "; recovered from %d divergence%s (learning rate lowered to %.3g)",
                recoveries.size(), recoveries.size() == 1 ? "" : "s", settings.learningRate() * schedule.scale());
    }

    /** Why a run stops at a divergence it could not (or was not to) recover from: the step and the likely cause. */
    private String failure(String diverged, double loss, int step, int epoch, List<Recovery> recoveries, double scale) {
        String where = " at step " + step + " (epoch " + epoch + ")";
        if (!settings.divergenceRecovery()) {
            return "the loss became " + loss + where + "; the learning rate " + settings.learningRate()
                    + " is probably too high for this model: try one ten times smaller";
        }
        String cause = InputScale.largest(train).filter(l -> l.magnitude() > InputScale.LARGE)
                .map(l -> String.format(java.util.Locale.ROOT, "the inputs are not normalised: field \"%s\" holds "
                        + "values up to %.3g in size; scale them to about -1..1 (standardise each feature)",
                        l.field(), l.magnitude()))
                .orElse(String.format(java.util.Locale.ROOT, "the model is numerically unstable with these settings "
                        + "even at a learning rate of %.3g: add normalisation (BatchNorm or LayerNorm) or a gradient "
                        + "clip (training.gradientClip)", settings.learningRate() * scale));
        return diverged + where + " again after " + recoveries.size() + " recover" + (recoveries.size() == 1 ? "y" : "ies")
                + " (learning rate lowered from " + settings.learningRate() + String.format(java.util.Locale.ROOT,
                " to %.3g)", settings.learningRate() * scale) + "; " + cause;
    }

    /** Why the validation loss is not a number although training went on: the weights, or the model's outputs. */
    private static String validationFailure(double loss, int epoch, double trainLoss, TrainedModel model) {
        boolean brokenWeights = model.weights().values().stream().filter(t -> t.floats() != null)
                .anyMatch(t -> {
                    for (float v : t.floats()) {
                        if (!Float.isFinite(v)) {
                            return true;
                        }
                    }
                    return false;
                });
        return String.format(java.util.Locale.ROOT, "the validation loss became %s after epoch %d while the training "
                + "loss was %.4g: %s", loss, epoch, trainLoss, brokenWeights
                ? "the weights hold values that are not numbers"
                : "the model's outputs overflow on some validation examples (the weights are finite); lower the "
                + "learning rate or add normalisation");
    }

    /** The number of classes the classification head predicts. */
    private int classes() {
        return classes(analysis);
    }

    private static int classes(GraphAnalysis analysis) {
        return analysis.reports().values().stream().filter(r -> r.spec().layerType().equals(LayerType.CLASSIFICATION)
                        || r.spec().layerType().equals(LayerType.PER_POSITION_CLASSIFICATION))
                .mapToInt(r -> ((Number) r.params().get("classes")).intValue()).findFirst().orElse(2);
    }

    private RunEnd finish(RunEnd end, TrainedModel model, Map<String, Tensor> bestWeights, boolean restoreBest) {
        if (restoreBest) {
            model.setWeights(bestWeights);
        }
        listener.onEnd(end);
        return end;
    }

    /**
     * Mean loss and accuracy of a model on some examples; for a per-position head the loss is
     * averaged over labelled positions, the accuracy is pixel accuracy and a third number, the
     * mean IoU, follows.
     */
    static double[] evaluate(TrainedModel model, Examples examples, int batchSize) {
        if (perPosition(model.analysis())) {
            return evaluatePositions(model, examples, batchSize);
        }
        double loss = 0;
        long correct = 0;
        int[] all = java.util.stream.IntStream.range(0, examples.size()).toArray();
        for (int from = 0; from < all.length; from += batchSize) {
            int[] rows = Batches.slice(all, from, Math.min(all.length, from + batchSize));
            try (NDManager manager = model.model().getNDManager().newSubManager()) {
                NDList out = model.block().forward(new ai.djl.training.ParameterStore(manager, false),
                        Batches.inputs(manager, examples, model.fieldOrder(), rows), false);
                NDArray labels = Batches.labels(manager, examples, rows);
                loss += Losses.crossEntropy(out.get(0), labels, 0f).getFloat() * rows.length;
                correct += Losses.correct(out.get(0), labels);
            }
        }
        return new double[] {loss / examples.size(), (double) correct / examples.size()};
    }

    /** Loss over labelled positions, pixel accuracy and mean IoU of a per-position head. */
    private static double[] evaluatePositions(TrainedModel model, Examples examples, int batchSize) {
        dev.netloom.train.data.Field mask = PositionLabels.maskOf(examples);
        SegmentationScore score = new SegmentationScore(classes(model.analysis()));
        double lossSum = 0;
        int[] all = java.util.stream.IntStream.range(0, examples.size()).toArray();
        for (int from = 0; from < all.length; from += batchSize) {
            int[] rows = Batches.slice(all, from, Math.min(all.length, from + batchSize));
            try (NDManager manager = model.model().getNDManager().newSubManager()) {
                NDList out = model.block().forward(new ai.djl.training.ParameterStore(manager, false),
                        Batches.inputs(manager, examples, model.fieldOrder(), rows), false);
                NDArray labels = PositionLabels.labels(manager, mask, rows);
                long before = score.positions();
                score.add(labels.toLongArray(), PositionLabels.predicted(out.get(0)));
                lossSum += PositionLabels.crossEntropy(out.get(0), labels, 0f).getFloat() * (score.positions() - before);
            }
        }
        return new double[] {lossSum / Math.max(1, score.positions()), score.pixelAccuracy(), score.meanIoU()};
    }

    /** Whether the graph's head answers per position. */
    static boolean perPosition(GraphAnalysis analysis) {
        return analysis.reports().values().stream()
                .anyMatch(r -> r.spec().layerType().equals(LayerType.PER_POSITION_CLASSIFICATION));
    }

    /** The mask must give a class per position the head answers at: refused in one line otherwise. */
    private static void checkMasks(GraphAnalysis analysis, dev.netloom.train.data.Field mask, String split) {
        dev.netloom.graph.analysis.NodeReport head = analysis.reports().values().stream()
                .filter(r -> r.spec().layerType().equals(LayerType.PER_POSITION_CLASSIFICATION)).findFirst().orElseThrow();
        java.util.List<Integer> out = head.out().dims();
        java.util.List<Integer> positions = out.size() == 3 ? out.subList(1, 3) : out.subList(0, 1);
        java.util.List<Integer> given = java.util.Arrays.stream(mask.shape()).boxed().toList();
        if (!positions.equals(given)) {
            throw new IllegalArgumentException("the " + split + " masks are " + given + " but head " + head.node().id()
                    + " answers at " + positions + " positions; the masks must match the head's output size");
        }
        int classes = ((Number) head.params().get("classes")).intValue();
        long[] ids = mask.ids();
        for (int i = 0; i < ids.length; i++) {
            if (ids[i] != PositionLabels.UNLABELLED && (ids[i] < 0 || ids[i] >= classes)) {
                throw new IllegalArgumentException("the " + split + " mask of example " + (i / mask.exampleSize())
                        + " holds class " + ids[i] + " but head " + head.node().id() + " has " + classes + " classes");
            }
        }
    }

    private RestorableOptimizer optimizer(LearningRateSchedule schedule) {
        RestorableOptimizer.Kind kind = switch (settings.optimizer()) {
            case "sgd" -> RestorableOptimizer.Kind.SGD;
            case "adamw" -> RestorableOptimizer.Kind.ADAMW;
            default -> RestorableOptimizer.Kind.ADAM;
        };
        return new RestorableOptimizer(kind, schedule, (float) settings.momentum(), (float) settings.weightDecay());
    }

    private void saveCheckpoint(TrainedModel model, int epochsDone, int steps, double best, double rateScale,
                                Map<String, Tensor> bestWeights, RestorableOptimizer optimizer, NDManager scratch) {
        if (checkpoint == null) {
            return;
        }
        try {
            Checkpoint.write(checkpoint, new Checkpoint(model.weights(), epochsDone, steps, best, rateScale, bestWeights,
                    SavedOptimizerState.of(settings.optimizer(), optimizer, model.block().weightsByName(), scratch)));
            listener.onCheckpoint(checkpoint, epochsDone);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException("cannot write checkpoint " + checkpoint + ": " + e.getMessage(), e);
        }
    }

    private static Map<String, double[]> shares(Map<String, long[]> routed) {
        Map<String, double[]> shares = new HashMap<>();
        routed.forEach((node, counts) -> {
            long total = java.util.Arrays.stream(counts).sum();
            double[] s = new double[counts.length];
            for (int i = 0; i < counts.length; i++) {
                s[i] = total == 0 ? 0 : (double) counts[i] / total;
            }
            shares.put(node, s);
        });
        return shares;
    }

    private static int[] shuffled(int n, Random random) {
        int[] order = java.util.stream.IntStream.range(0, n).toArray();
        for (int i = n - 1; i > 0; i--) {
            int j = random.nextInt(i + 1);
            int t = order[i];
            order[i] = order[j];
            order[j] = t;
        }
        return order;
    }

    private static String percent(double accuracy) {
        return String.format(java.util.Locale.ROOT, "%.1f%%", accuracy * 100);
    }
}
