package dev.netloom.app.cli;

import com.fasterxml.jackson.databind.JsonNode;
import dev.netloom.graph.analysis.GraphAnalysis;
import dev.netloom.train.Evaluation;
import dev.netloom.train.artifact.ModelArtifact;
import dev.netloom.train.data.DataSources;
import dev.netloom.train.data.Dataset;
import dev.netloom.train.data.Examples;
import dev.netloom.train.data.InputBinding;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;

/**
 * {@code netloom eval ARTIFACT}: scores a trained model on a split of its dataset (or of
 * another, with {@code --data}; or on every example of it, with {@code --all}), printing accuracy,
 * per-class scores, the confusion matrix and the worst mistakes. The data is always read as the
 * model sees it: with the artifact's own normalisation, tokenizer, table columns and classes
 * ({@code preprocess.json}, {@code labels.txt}), never with statistics learned from the data being
 * scored; examples of classes the model does not know are skipped and reported.
 */
@Command(name = "eval", description = "Score a trained model: accuracy, per-class scores, confusion matrix.",
        mixinStandardHelpOptions = true, sortOptions = false)
final class EvalCommand implements Callable<Integer> {

    @ParentCommand
    NetloomCommand netloom;

    @Parameters(index = "0", paramLabel = "ARTIFACT", description = "A model folder written by netloom train.")
    Path artifact;

    @Option(names = "--data", paramLabel = "DATA", description = "A data section as JSON, a file holding one, or a source "
            + "name; default: the data the model was trained on (same seed, so the same splits). Read with the "
            + "model's own preprocessing and classes.")
    String data;

    @Option(names = "--split", paramLabel = "SPLIT",
            description = "Which split to score: test, validation or train (default: test).")
    String split;

    @Option(names = "--all", description = "Score every example of the data, unsplit (new data the model never saw).")
    boolean all;

    @Override
    public Integer call() {
        if (all && split != null) {
            netloom.err.println("netloom eval: --all scores every example; leave out --split");
            return ExitCode.USAGE;
        }
        String which = split == null ? "test" : split;
        if (!List.of("test", "validation", "train").contains(which)) {
            netloom.err.println("netloom eval: --split must be test, validation or train, got " + which);
            return ExitCode.USAGE;
        }
        try (ModelArtifact.Loaded loaded = ModelArtifact.load(artifact, netloom.services.projectFile())) {
            GraphAnalysis analysis = loaded.model().analysis();
            // --data is typed here, so its paths are relative to here; the recorded section's to its project.
            Path folder = data != null ? Path.of("").toAbsolutePath() : ProjectDataset.recordedFolder(loaded, artifact);
            JsonNode section = ProjectDataset.section(loaded.project(), data);
            Dataset dataset = ProjectDataset.read(all ? DataSources.unsplit(section) : section, folder, analysis,
                    ProjectDataset.seedOf(loaded), loaded.fitted(), netloom.out);
            InputBinding binding = InputBinding.bind(analysis, dataset);
            if (!binding.fieldsInGraphOrder(analysis).equals(loaded.model().fieldOrder())) {
                netloom.err.println("netloom eval: the data's fields " + binding.fieldsInGraphOrder(analysis)
                        + " differ from the fields the model was trained on " + loaded.model().fieldOrder());
                return ExitCode.INVALID;
            }
            Examples examples = all ? Examples.concat(List.of(dataset.train(), dataset.validation(), dataset.test()))
                    : ProjectDataset.split(dataset, which);
            String title = all ? "All" : Character.toUpperCase(which.charAt(0)) + which.substring(1);
            if (examples.size() == 0) {
                netloom.err.println("netloom eval: the " + (all ? "data has" : which + " split has")
                        + " no example the model can score" + (all ? "" : "; pass --all to score every example"));
                return ExitCode.INVALID;
            }
            Evaluation e = Evaluation.of(loaded.model(), examples, loaded.classes(),
                    Math.min(5, loaded.classes().size()), 10, 256);
            EvaluationReport.print(netloom.out, title, e, loaded.classes());
            return ExitCode.OK;
        } catch (IOException | dev.netloom.train.data.InputMismatchException e) {
            netloom.err.println("netloom eval: " + e.getMessage());
            return ExitCode.INVALID;
        }
    }
}
