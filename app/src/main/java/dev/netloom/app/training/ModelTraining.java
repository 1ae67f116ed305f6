package dev.netloom.app.training;

import dev.netloom.graph.analysis.GraphAnalysis;
import dev.netloom.graph.project.Project;
import dev.netloom.graph.project.ProjectFile;
import dev.netloom.train.Evaluation;
import dev.netloom.train.TrainingException;
import dev.netloom.train.TrainingListener;
import dev.netloom.train.TrainingListener.EndReason;
import dev.netloom.train.TrainingRun;
import dev.netloom.train.TrainingSection;
import dev.netloom.train.TrainingSettings;
import dev.netloom.train.artifact.ModelArtifact;
import dev.netloom.train.data.Dataset;
import dev.netloom.train.data.InputBinding;
import dev.netloom.train.data.InputMismatchException;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;

/**
 * Trains a project's graph on a dataset and writes the model artifact: what {@code netloom train},
 * every trial of {@code netloom tune} and the studio's Train view do, in one place. The
 * caller configures the {@link TrainingRun} (listener, checkpoint, resume, cancel) between
 * {@link #prepare} and {@link #trainAndWrite}; {@link RunRecorder} writes it into the workspace.
 */
public final class ModelTraining {

    /**
     * How a training ended.
     *
     * @param end the run's end (reason, message, epochs, best validation accuracy)
     * @param history one report per epoch
     * @param test the test-split evaluation, or null when the run was cancelled
     * @param artifact the model folder written, or null when the run was cancelled
     */
    public record Outcome(TrainingListener.RunEnd end, List<TrainingListener.EpochReport> history, Evaluation test,
                          Path artifact) {
    }

    private final Project project;
    private final Dataset dataset;
    private final TrainingSettings settings;
    private final TrainingRun run;
    private int mistakesKept = 10;
    private AdaptationReport adaptation = AdaptationReport.NONE;

    private ModelTraining(Project project, Dataset dataset, TrainingSettings settings, TrainingRun run) {
        this.project = project;
        this.dataset = dataset;
        this.settings = settings;
        this.run = run;
    }

    /**
     * Binds the dataset to the graph's inputs and head (refusing a mismatch with one line) and
     * makes the run.
     */
    public static ModelTraining prepare(Project project, GraphAnalysis analysis, Dataset dataset,
                                        TrainingSettings settings) throws InputMismatchException {
        InputBinding binding = InputBinding.bind(analysis, dataset);
        // The run checks its training and validation splits; the test split is scored here, so checked here.
        java.util.Optional<dev.netloom.train.data.NonFiniteValue> bad =
                dev.netloom.train.data.NonFiniteValue.first(dataset.test());
        if (bad.isPresent()) {
            throw new InputMismatchException(bad.get().describe("test", dataset.test()));
        }
        TrainingRun run = new TrainingRun(analysis, dataset.train(), dataset.validation(),
                binding.fieldsInGraphOrder(analysis), settings);
        // Quantization-aware training when the project asks for a precision (refused here, before training, if it cannot).
        run.quantizeFor(dev.netloom.graph.quantize.QuantizationSection.read(project.section(
                dev.netloom.graph.quantize.QuantizationSection.KEY).orElse(null), analysis).orElse(null));
        return new ModelTraining(project, dataset, settings, run);
    }

    /** The run, to add a listener, a checkpoint or a resume, or to cancel it. */
    public TrainingRun run() {
        return run;
    }

    /**
     * Puts teachers and start weights on the run, and records them in the artifact's training.json.
     * The caller closes the adaptation after training.
     */
    public ModelTraining adaptedBy(ModelAdaptation a) {
        a.applyTo(run);
        this.adaptation = a.report();
        return this;
    }

    /**
     * How many of the test split's mistakes (most confident first) the outcome keeps; 10 unless
     * set. The Train view keeps them all, to list the examples behind each cell of the confusion
     * matrix.
     */
    public ModelTraining keepMistakes(int count) {
        if (count < 0) {
            throw new IllegalArgumentException("cannot keep a negative number of mistakes");
        }
        this.mistakesKept = count;
        return this;
    }

    /**
     * Trains; unless the run was cancelled, scores the test split and writes the artifact to
     * {@code out}, recording the project with the settings actually used.
     *
     * @param dataFolder the folder the data section's relative paths were read from
     */
    public Outcome trainAndWrite(Path out, Path dataFolder, ProjectFile files) throws TrainingException, IOException {
        Instant started = Instant.now();
        try (TrainingRun.Result result = run.run()) {
            if (result.end().reason() == EndReason.CANCELLED) {
                return new Outcome(result.end(), result.history(), null, null);
            }
            Evaluation test = Evaluation.of(result.model(), dataset.test(), dataset.classes(),
                    Math.min(5, dataset.classes().size()), mistakesKept, settings.batchSize());
            Project trained = project.withSection("training", TrainingSection.write(settings));
            ModelArtifact.write(out, new ModelArtifact.Contents(trained, result.model(), dataset, settings, result.end(),
                    result.history(), test, started, Instant.now(), dataFolder), files,
                    adaptation.isEmpty() ? null : adaptation.toJson());
            return new Outcome(result.end(), result.history(), test, out);
        }
    }
}
