package dev.netloom.app.search;

import dev.netloom.graph.analysis.GraphAnalysis;
import dev.netloom.graph.analysis.GraphAnalyzer;
import dev.netloom.graph.block.BlockLibrary;
import dev.netloom.graph.project.BlockSection;
import dev.netloom.graph.project.Project;
import dev.netloom.graph.project.ProjectFormatException;
import dev.netloom.graph.project.ProjectFile;
import dev.netloom.graph.search.SearchSpace;
import dev.netloom.hpo.FrozenTrial;
import dev.netloom.hpo.Objective;
import dev.netloom.hpo.Study;
import dev.netloom.hpo.Trial;
import dev.netloom.hpo.TrialPruned;
import dev.netloom.hpo.pruner.ParetoPruner;
import dev.netloom.app.training.ModelTraining;
import dev.netloom.train.TrainingListener;
import dev.netloom.train.TrainingRun;
import dev.netloom.train.TrainingSettings;
import dev.netloom.train.data.Dataset;
import dev.netloom.train.data.InputMismatchException;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;

/**
 * A model search: each trial of a {@link Study} takes the project, applies the sampler's choices
 * for its searchable parameters ({@link TrialSetup}), trains through the training engine on the
 * dataset read once for the whole search, reports validation accuracy after every epoch so the
 * study's pruner can stop a poor trial early, and returns its objectives. Every completed trial's
 * model is written to {@code out/trials/NNN}, so the best one is there when the search ends.
 *
 * <p>The same code serves {@code netloom tune}, {@code netloom tune-worker} and the studio's Tune
 * view ({@link TuneViewModel}). Trials that cannot be built (a chosen width that heads do not divide, a
 * model over the parameter budget) fail with the reason, and the study goes on.
 */
public final class ModelSearch {

    /**
     * What a trial may fail with and the search go on (a model over the budget or not fitting the
     * data, training that diverged, a file that could not be written, a stop by the user). Anything
     * else is an error in netloom and stops the search ({@code Study.optimize} tolerates only these).
     */
    public static final List<Class<? extends Exception>> TRIAL_FAILURES = List.of(IllegalArgumentException.class,
            IllegalStateException.class, IOException.class, dev.netloom.train.TrainingException.class);

    /** A search stops after this many failed trials in a row unless told otherwise. */
    public static final int DEFAULT_FAILURES_IN_A_ROW = 3;

    /** The heartbeat of running trials; a trial silent for three beats is failed (hpo's default grace). */
    public static final java.time.Duration HEARTBEAT = java.time.Duration.ofSeconds(30);

    /** Hears finished trials, for a live table; called from worker threads. */
    public interface Listener {
        void trialFinished(TrialOutcome outcome);
    }

    /**
     * What one trial came to.
     *
     * @param number the trial's number in the study
     * @param state COMPLETE, PRUNED or FAIL, in words
     * @param accuracy best validation accuracy (NaN when it never finished an epoch)
     * @param parameters the trial model's parameters
     * @param multiplyAdds its multiply-adds per example
     * @param seconds wall time
     * @param choices the chosen values by target
     * @param note the fail reason, or the epoch a pruned trial stopped at
     */
    public record TrialOutcome(int number, String state, double accuracy, long parameters, long multiplyAdds,
                               double seconds, java.util.Map<String, Object> choices, String note) {
    }

    private final Project project;
    private final BlockLibrary blocks;
    private final Dataset dataset;
    private final TrainingSettings baseSettings;
    private final SearchSpace space;
    private final List<SearchObjective> objectives;
    private final long maxParameters;
    private final Path out;
    private final GraphAnalyzer analyzer;
    private final ProjectFile files;
    private final Listener listener;
    private final Path dataFolder;
    private final TrialLatency latency;
    /** The training section's teachers and start model: every trial distils from them and starts from it, as a run does. */
    private final dev.netloom.train.AdaptationSettings adaptation;
    private volatile TrialConstraints constraints = TrialConstraints.NONE;
    private final AtomicBoolean stopping = new AtomicBoolean();
    private final AtomicReference<TrainingRun> current = new AtomicReference<>();

    /**
     * @param maxParameters a budget; trials over it fail before training (0 for none)
     * @param out where trial models go ({@code out/trials/NNN})
     * @param dataFolder the folder the data section's relative paths were read from
     */
    public ModelSearch(Project project, Dataset dataset, TrainingSettings baseSettings, SearchSpace space,
                       List<SearchObjective> objectives, long maxParameters, Path out, GraphAnalyzer analyzer,
                       ProjectFile files, Path dataFolder, Listener listener) {
        this(project, dataset, baseSettings, space, objectives, maxParameters, out, analyzer, files, dataFolder, null,
                listener);
    }

    private ModelSearch(Project project, Dataset dataset, TrainingSettings baseSettings, SearchSpace space,
                        List<SearchObjective> objectives, long maxParameters, Path out, GraphAnalyzer analyzer,
                        ProjectFile files, Path dataFolder, TrialLatency latency, Listener listener) {
        if (space.isEmpty()) {
            throw new IllegalArgumentException("nothing is marked searchable; mark parameters in the designer or add "
                    + "them to the project's search section");
        }
        this.project = project;
        try {
            this.blocks = BlockSection.library(project, analyzer.catalog());
        } catch (ProjectFormatException e) {
            throw new IllegalArgumentException(e.getMessage());
        }
        this.dataset = dataset;
        this.baseSettings = baseSettings;
        this.space = space;
        this.objectives = List.copyOf(objectives);
        this.maxParameters = maxParameters;
        this.out = out;
        this.analyzer = analyzer;
        this.files = files;
        this.dataFolder = dataFolder;
        this.latency = latency;
        this.listener = listener;
        this.adaptation = dev.netloom.train.AdaptationSection.read(project.section("training").orElse(null));
        for (SearchObjective o : objectives) {
            if (o.needsDevice() && latency == null) {
                throw new IllegalArgumentException("the " + o.word() + " objective needs a device; choose one (--device ID)");
            }
        }
        if (objectives.contains(SearchObjective.ENERGY) && !latency.estimatesEnergy()) {
            throw new IllegalArgumentException("the energy objective needs a device with a power figure; "
                    + latency.device().id() + " has none (" + latency.device().power().scope() + ")");
        }
    }

    /**
     * The same search with the latency and energy objectives estimated on a device
     * ({@link TrialLatency}). Trials also record the estimates as the user attributes
     * {@code latencyMs} and {@code energyMj}.
     */
    public static ModelSearch withLatency(Project project, Dataset dataset, TrainingSettings baseSettings,
                                          SearchSpace space, List<SearchObjective> objectives, long maxParameters,
                                          Path out, GraphAnalyzer analyzer, ProjectFile files, Path dataFolder,
                                          TrialLatency latency, Listener listener) {
        return new ModelSearch(project, dataset, baseSettings, space, objectives, maxParameters, out, analyzer, files,
                dataFolder, latency, listener);
    }

    /**
     * Adds constraints (call before the search starts): every trial reports its constraint values
     * (hpo's {@code Trial.reportConstraints}), and a trial that breaks one is stopped before it
     * trains — PRUNED, with the reason in its user attribute {@code prunedBecause} — since a model
     * over a limit known from its graph is of no use, however accurate.
     *
     * @return this search
     */
    public ModelSearch withConstraints(TrialConstraints constraints) {
        this.constraints = constraints;
        return this;
    }

    /**
     * Asks the search to stop: the trial training now ends within a step and fails with "stopped",
     * and {@link #isStopping()} tells the caller's loop not to start another. Any thread.
     */
    public void stop() {
        stopping.set(true);
        TrainingRun run = current.get();
        if (run != null) {
            run.cancel();
        }
    }

    /** Whether {@link #stop()} was called. */
    public boolean isStopping() {
        return stopping.get();
    }

    /** The study's objective function. */
    public Objective objective() {
        return this::runTrial;
    }

    private double[] runTrial(Trial trial) throws Exception {
        Instant started = Instant.now();
        TrialSetup setup = TrialSetup.choose(trial, project.graph(), blocks, baseSettings, space, analyzer.catalog());
        // A choice of repeat count or block is made on the drawn graph; the trial trains its expansion.
        Project chosen;
        try {
            chosen = BlockSection.flatten(project.withGraph(setup.graph()), analyzer.catalog());
        } catch (ProjectFormatException e) {
            report(trial, "FAIL", Double.NaN, 0, 0, started, setup, "the chosen blocks do not fit: " + e.getMessage());
            throw new IllegalArgumentException("the chosen blocks do not fit: " + e.getMessage());
        }
        GraphAnalysis analysis = analyzer.analyze(chosen.graph());
        long parameters = analysis.total().parameters();
        long macs = analysis.total().activeMultiplyAdds();
        dev.netloom.app.training.ModelAdaptation adapted = dev.netloom.app.training.ModelAdaptation.none();
        try {
            if (!analysis.isValid()) {
                throw new IllegalArgumentException("the chosen model is invalid: " + analysis.problems().get(0));
            }
            if (maxParameters > 0 && parameters > maxParameters) {
                throw new IllegalArgumentException(String.format(Locale.ROOT,
                        "%,d parameters is over the budget of %,d", parameters, maxParameters));
            }
            if (!constraints.isEmpty()) {
                double[] measured = constraints.measure(analysis, parameters, macs);
                trial.reportConstraints(constraints.values(measured));
                String broken = constraints.broken(measured);
                if (broken != null) {
                    trial.setUserAttr("parameters", parameters);
                    trial.setUserAttr("multiplyAdds", macs);
                    trial.setUserAttr("prunedBecause", broken);
                    report(trial, "PRUNED", Double.NaN, parameters, macs, started, setup, "not trained: " + broken);
                    throw new TrialPruned("not trained: " + broken);
                }
            }
            ModelTraining training;
            try {
                adapted = dev.netloom.app.training.ModelAdaptation.prepare(adaptation, dataFolder, analysis, dataset, files,
                        setup.settings().batchSize());
                training = ModelTraining.prepare(chosen, analysis, adapted.dataset(dataset),
                        setup.settings()).adaptedBy(adapted);
            } catch (InputMismatchException e) {
                throw new IllegalArgumentException("the chosen model does not fit the data: " + e.getMessage());
            } catch (dev.netloom.app.training.AdaptationException e) {
                throw new IllegalArgumentException(e.getMessage());
            }
            trial.setUserAttr("parameters", parameters);
            trial.setUserAttr("multiplyAdds", macs);
            dev.netloom.devices.DeviceEstimate estimate = latency == null ? null : latency.estimate(analysis);
            double latencyMs = estimate == null ? Double.NaN : estimate.latencyMs();
            double energyMj = estimate == null ? Double.NaN : estimate.energyMj();
            if (estimate != null) {
                trial.setUserAttr("latencyMs", latencyMs);
                if (!Double.isNaN(energyMj)) {
                    trial.setUserAttr("energyMj", energyMj);
                }
            }
            if (objectives.size() > 1) {
                // Every objective after accuracy is known before training: the Pareto pruner compares them.
                ParetoPruner.recordKnownValues(trial, objectives.subList(1, objectives.size()).stream()
                        .mapToDouble(o -> value(o, Double.NaN, parameters, macs, latencyMs, energyMj)).toArray());
            }
            if (stopping.get()) {
                throw new IllegalStateException("stopped before it started training");
            }
            AtomicBoolean pruned = new AtomicBoolean();
            int[] lastEpoch = {0};
            TrainingRun run = training.run();
            current.set(run);
            if (stopping.get()) {
                run.cancel(); // stop() came between the check above and now
            }
            run.listener(new TrainingListener() {
                @Override
                public void onEpoch(EpochReport epoch) {
                    lastEpoch[0] = epoch.epoch();
                    trial.report(epoch.epoch(), epoch.validationAccuracy());
                    trial.heartbeat();
                    // Several objectives are pruned only by a pruner that judges them all (ParetoPruner).
                    if ((objectives.size() == 1 || trial.study().pruner().judgesSeveralObjectives())
                            && trial.shouldPrune()) {
                        pruned.set(true);
                        run.cancel();
                    }
                }
            });
            Path model = out.resolve("trials").resolve(String.format(Locale.ROOT, "%03d", trial.number()));
            ModelTraining.Outcome outcome;
            try {
                outcome = training.trainAndWrite(model, dataFolder, files);
            } finally {
                current.set(null);
            }
            if (stopping.get() && !pruned.get()) {
                throw new IllegalStateException("stopped by the user after epoch " + lastEpoch[0]);
            }
            if (pruned.get()) {
                report(trial, "PRUNED", outcome.end().bestValidationAccuracy(), parameters, macs, started, setup,
                        "stopped after epoch " + lastEpoch[0]);
                throw new TrialPruned("pruned after epoch " + lastEpoch[0]);
            }
            double accuracy = outcome.end().bestValidationAccuracy();
            trial.setUserAttr("artifact", model.toString());
            trial.setUserAttr("testAccuracy", outcome.test().accuracy());
            int recoveries = outcome.end().recoveries().size();
            if (recoveries > 0) {
                trial.setUserAttr("recoveries", recoveries);
            }
            report(trial, "COMPLETE", accuracy, parameters, macs, started, setup, recoveries == 0 ? ""
                    : "recovered from " + recoveries + (recoveries == 1 ? " divergence" : " divergences")
                    + " (learning rate lowered)");
            return objectives.stream().mapToDouble(o -> value(o, accuracy, parameters, macs, latencyMs, energyMj)).toArray();
        } catch (IllegalArgumentException | IllegalStateException | IOException
                 | dev.netloom.train.TrainingException e) {
            report(trial, "FAIL", Double.NaN, parameters, macs, started, setup, e.getMessage());
            throw e;
        } finally {
            adapted.close(); // the teachers' models
        }
    }

    private static double value(SearchObjective o, double accuracy, long parameters, long macs, double latencyMs,
                                double energyMj) {
        return switch (o) {
            case ACCURACY -> accuracy;
            case PARAMETERS -> parameters;
            case MULTIPLY_ADDS -> macs;
            case LATENCY -> latencyMs;
            case ENERGY -> energyMj;
        };
    }

    private void report(Trial trial, String state, double accuracy, long parameters, long macs, Instant started,
                        TrialSetup setup, String note) {
        listener.trialFinished(new TrialOutcome(trial.number(), state, accuracy, parameters, macs,
                java.time.Duration.between(started, Instant.now()).toMillis() / 1000.0, setup.choices(), note));
    }

    /** Why a trial failed, in its own words: without the exception's class name and the frame hpo adds. */
    public static String failureReason(FrozenTrial trial) {
        String r = String.valueOf(trial.failReason());
        return r.replaceFirst("^[\\w.$]+(Exception|Error): ", "").replaceFirst(" at [\\w.$<>]+\\([^)]*\\)$", "");
    }

    /** The artifact folder a completed trial wrote, if any. */
    public static java.util.Optional<Path> artifactOf(FrozenTrial trial) {
        return java.util.Optional.ofNullable(trial.userAttrs().get("artifact")).map(Object::toString).map(Path::of);
    }
}
