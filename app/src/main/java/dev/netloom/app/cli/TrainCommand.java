package dev.netloom.app.cli;

import dev.netloom.graph.analysis.GraphAnalysis;
import dev.netloom.graph.project.Project;
import dev.netloom.graph.quantize.QuantizationSection;
import dev.netloom.train.TrainingException;
import dev.netloom.train.TrainingRun;
import dev.netloom.train.TrainingSection;
import dev.netloom.train.TrainingSettings;
import dev.netloom.train.data.Dataset;
import dev.netloom.app.training.AdaptationException;
import dev.netloom.app.training.ModelAdaptation;
import dev.netloom.app.training.ModelTraining;
import dev.netloom.app.training.RunRecorder;
import dev.netloom.app.training.TrainingOverrides;
import dev.netloom.app.workspace.Workspace;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;

/**
 * {@code netloom train PROJECT --out DIR}: trains the project's graph on its data, on this
 * computer, and writes the model artifact. Ctrl+C stops within one step and leaves a checkpoint
 * that {@code --resume} continues from. {@code --teacher} distils from trained models and
 * {@code --start-from} fine-tunes one ({@link AdaptOptions}, {@link ModelAdaptation}).
 */
@Command(name = "train", description = "Train a project's model on this computer and write the model artifact.",
        mixinStandardHelpOptions = true, sortOptions = false)
final class TrainCommand implements Callable<Integer> {

    @ParentCommand
    NetloomCommand netloom;

    @Parameters(index = "0", paramLabel = "PROJECT", description = "The project file (.netloom).")
    Path projectFile;

    @Option(names = "--out", required = true, paramLabel = "DIR", description = "The folder to write the model to; must not exist.")
    Path out;

    @Option(names = "--data", paramLabel = "DATA", description = "A data section as JSON, a file holding one, or a source "
            + "name (shapes-qa, fashion-mnist, fashion-qa); default: the project's data section.")
    String data;

    @Option(names = "--epochs", paramLabel = "N", description = "Override the training section's epochs.")
    Integer epochs;

    @Option(names = "--seed", paramLabel = "S", description = "Override the seed (weights, splits, shuffling).")
    Long seed;

    @Option(names = "--batch-size", paramLabel = "B", description = "Override the batch size.")
    Integer batchSize;

    @Option(names = "--learning-rate", paramLabel = "LR", description = "Override the learning rate.")
    Double learningRate;

    @Option(names = "--threads", paramLabel = "T", description = "CPU threads (default: the training section's, else 1).")
    Integer threads;

    @Option(names = "--resume", paramLabel = "CHECKPOINT", description = "Continue a run from its checkpoint.")
    Path resume;

    @picocli.CommandLine.Mixin
    AdaptOptions adapt = new AdaptOptions();

    @Option(names = "--no-recovery", description = "Stop at the first divergence instead of rolling back and lowering "
            + "the learning rate (the training section's divergenceRecovery: false).")
    boolean noRecovery;

    @Option(names = "--quantize", paramLabel = "PRECISION|PLAN", description = "Train for a precision "
            + "(quantization-aware training): int8, int4, int2 (ternary), int1 (binary), or a quantization section as JSON "
            + "or a file holding one; default: the project's quantization section.")
    String quantize;

    @Override
    public Integer call() {
        if (Files.exists(out)) {
            netloom.err.println("netloom train: " + out + " already exists; choose a new folder for the model");
            return ExitCode.USAGE;
        }
        Project project = netloom.load(projectFile).orElse(null);
        if (project == null) {
            return ExitCode.INVALID;
        }
        GraphAnalysis analysis = netloom.services.analyzer().analyze(project.graph());
        if (!analysis.isValid()) {
            analysis.problems().forEach(p -> netloom.err.println(projectFile + ": " + p));
            return ExitCode.INVALID;
        }
        TrainingSettings settings;
        dev.netloom.train.AdaptationSettings adaptation;
        try {
            if (quantize != null) {
                project = project.withSection(QuantizationSection.KEY, QuantizeOption.parse(quantize));
            }
            QuantizationSection.read(project.section(QuantizationSection.KEY).orElse(null), analysis)
                    .ifPresent(plan -> netloom.out.println("Training for " + plan.describe()
                            + " (quantization-aware: weights rounded as the export rounds them)"));
            settings = overrides(TrainingSection.read(project.section("training").orElse(null)));
            adaptation = dev.netloom.train.AdaptationSection.read(project.section("training").orElse(null));
        } catch (IllegalArgumentException | IOException e) {
            // A refused --quantize value is the command line's, not the project file's.
            netloom.err.println((quantize != null ? "netloom train" : projectFile.toString()) + ": " + e.getMessage());
            return ExitCode.INVALID;
        }
        try {
            adaptation = adapt.applyTo(adaptation);
        } catch (IllegalArgumentException e) {
            netloom.err.println("netloom train: " + e.getMessage());
            return ExitCode.USAGE;
        }
        Path folder = projectFile.toAbsolutePath().getParent();
        ModelTraining training;
        Dataset dataset;
        ModelAdaptation adapted = ModelAdaptation.none();
        try {
            // The artifact records the data section actually used, so eval can read the same splits.
            var section = ProjectDataset.section(project, data);
            project = project.withSection("data", section);
            dataset = ProjectDataset.read(section, folder, analysis, settings.seed(), netloom.out);
            adapted = ModelAdaptation.prepare(adaptation, folder, analysis, dataset, netloom.services.projectFile(),
                    settings.batchSize());
            dataset = adapted.dataset(dataset);
            training = ModelTraining.prepare(project, analysis, dataset, settings).adaptedBy(adapted);
            adapted.report().lines().forEach(netloom.out::println);
        } catch (IOException | dev.netloom.train.data.InputMismatchException | AdaptationException e) {
            adapted.close();
            netloom.err.println("netloom train: " + e.getMessage());
            return ExitCode.INVALID;
        }
        Path checkpoint = out.resolveSibling(out.getFileName() + ".checkpoint.safetensors");
        // The run is recorded in the workspace as it happens, by the same recorder the Train view uses.
        Workspace workspace = openWorkspace();
        RunRecorder recorder = workspace == null ? null : record(workspace, settings, dataset, adapted.report());
        TrainingRun run = training.run();
        if (recorder != null) {
            run.listener(recorder); // recorded before printed: an epoch the user saw end is in the workspace, even after a kill
        }
        run.listener(new TrainingProgress(netloom.out, System.console() != null)).checkpointTo(checkpoint);
        // On Ctrl+C the JVM halts once its hooks return, so the hook waits for the run to stop
        // (within one step) and write its checkpoint, not just asks it to.
        java.util.concurrent.CountDownLatch stopped = new java.util.concurrent.CountDownLatch(1);
        Thread interrupt = new Thread(() -> {
            run.cancel();
            try {
                stopped.await(60, java.util.concurrent.TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }, "netloom-train-cancel");
        try {
            if (resume != null) {
                run.resumeFrom(resume);
            }
            Runtime.getRuntime().addShutdownHook(interrupt);
            ModelTraining.Outcome outcome = training.trainAndWrite(out, folder, netloom.services.projectFile());
            if (recorder != null) {
                recorder.finished(outcome);
            }
            if (outcome.artifact() == null) {
                netloom.out.println("Stopped; continue with --resume " + checkpoint);
                return ExitCode.FAILURE;
            }
            EvaluationReport.print(netloom.out, "Test", outcome.test(), dataset.classes());
            netloom.out.println("Model written to " + out + " (checkpoint: " + checkpoint + ")");
            return ExitCode.OK;
        } catch (TrainingException e) {
            netloom.err.println("netloom train: " + e.getMessage());
            failed(recorder, e.getMessage());
            return ExitCode.INVALID;
        } catch (IOException | RuntimeException e) {
            failed(recorder, e.getMessage());
            if (e instanceof RuntimeException r) {
                throw r;
            }
            netloom.err.println("netloom train: " + e.getMessage());
            return ExitCode.FAILURE;
        } finally {
            if (recorder != null && recorder.problem() != null) {
                netloom.err.println("netloom train: the run was not fully recorded in the workspace: " + recorder.problem());
            }
            if (workspace != null) {
                workspace.close();
            }
            adapted.close();
            stopped.countDown();
            try {
                Runtime.getRuntime().removeShutdownHook(interrupt);
            } catch (IllegalStateException shuttingDown) {
                // The JVM is exiting because of Ctrl+C: the hook has already cancelled the run.
            }
        }
    }

    private TrainingSettings overrides(TrainingSettings s) {
        TrainingSettings chosen = new TrainingOverrides(epochs, batchSize, learningRate, threads, seed).applyTo(s);
        return noRecovery ? chosen.withDivergenceRecovery(false) : chosen;
    }

    /** The workspace the run is recorded in; null (training goes on, saying so) when it cannot be opened. */
    private Workspace openWorkspace() {
        try {
            return netloom.openWorkspace("train");
        } catch (java.sql.SQLException | RuntimeException e) {
            netloom.err.println("netloom train: the run will not be recorded: cannot open the workspace: " + e.getMessage());
            return null;
        }
    }

    /** Starts the run's record; null (training goes on, saying so) when the workspace refuses it. */
    private RunRecorder record(Workspace workspace, TrainingSettings settings, Dataset dataset,
                               dev.netloom.app.training.AdaptationReport adaptation) {
        try {
            return RunRecorder.start(workspace.runs(), projectFile, out.getFileName().toString(), settings, dataset,
                    adaptation);
        } catch (RuntimeException e) {
            netloom.err.println("netloom train: the run will not be recorded: " + e.getMessage());
            return null;
        }
    }

    private static void failed(RunRecorder recorder, String message) {
        if (recorder != null) {
            recorder.failed(message == null ? "failed" : message.lines().findFirst().orElse(message));
        }
    }
}
