package dev.netloom.app.cli;

import dev.netloom.graph.analysis.GraphAnalysis;
import dev.netloom.train.Evaluation;
import dev.netloom.train.artifact.ModelArtifact;
import dev.netloom.train.data.Dataset;
import dev.netloom.train.data.Examples;
import dev.netloom.train.data.InputBinding;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

import java.io.IOException;
import java.nio.file.Path;
import java.util.concurrent.Callable;

/**
 * {@code netloom eval ARTIFACT}: scores a trained model on a split of its dataset (or of
 * another, with {@code --data}), printing accuracy, per-class scores, the confusion matrix and the
 * worst mistakes.
 */
@Command(name = "eval", description = "Score a trained model: accuracy, per-class scores, confusion matrix.",
        mixinStandardHelpOptions = true, sortOptions = false)
final class EvalCommand implements Callable<Integer> {

    @ParentCommand
    NetloomCommand netloom;

    @Parameters(index = "0", paramLabel = "ARTIFACT", description = "A model folder written by netloom train.")
    Path artifact;

    @Option(names = "--data", paramLabel = "DATA", description = "A data section as JSON, a file holding one, or a source "
            + "name; default: the data the model was trained on (same seed, so the same splits and statistics).")
    String data;

    @Option(names = "--split", paramLabel = "SPLIT", defaultValue = "test",
            description = "Which split to score: test, validation or train (default: ${DEFAULT-VALUE}).")
    String split;

    @Override
    public Integer call() {
        if (!java.util.List.of("test", "validation", "train").contains(split)) {
            netloom.err.println("netloom eval: --split must be test, validation or train, got " + split);
            return ExitCode.USAGE;
        }
        try (ModelArtifact.Loaded loaded = ModelArtifact.load(artifact, netloom.services.projectFile())) {
            GraphAnalysis analysis = loaded.model().analysis();
            long seed = loaded.training().path("settings").path("seed").asLong(42);
            String recorded = loaded.training().path("dataset").path("folder").asText("");
            Path folder = recorded.isEmpty() ? artifact.toAbsolutePath().getParent() : Path.of(recorded);
            Dataset dataset = ProjectDataset.read(ProjectDataset.section(loaded.project(), data), folder, analysis, seed,
                    netloom.out);
            InputBinding binding = InputBinding.bind(analysis, dataset);
            if (!binding.fieldsInGraphOrder(analysis).equals(loaded.model().fieldOrder())) {
                netloom.err.println("netloom eval: the data's fields " + binding.fieldsInGraphOrder(analysis)
                        + " differ from the fields the model was trained on " + loaded.model().fieldOrder());
                return ExitCode.INVALID;
            }
            if (!dataset.classes().equals(loaded.classes())) {
                netloom.err.println("netloom eval: the data's classes " + dataset.classes()
                        + " differ from the model's " + loaded.classes());
                return ExitCode.INVALID;
            }
            Examples examples = switch (split) {
                case "train" -> dataset.train();
                case "validation" -> dataset.validation();
                default -> dataset.test();
            };
            Evaluation e = Evaluation.of(loaded.model(), examples, loaded.classes(),
                    Math.min(5, loaded.classes().size()), 10, 256);
            EvaluationReport.print(netloom.out, Character.toUpperCase(split.charAt(0)) + split.substring(1), e,
                    loaded.classes());
            return ExitCode.OK;
        } catch (IOException | dev.netloom.train.data.InputMismatchException e) {
            netloom.err.println("netloom eval: " + e.getMessage());
            return ExitCode.INVALID;
        }
    }
}
