package dev.netloom.app.cli;

import com.fasterxml.jackson.databind.JsonNode;
import dev.netloom.graph.analysis.GraphAnalysis;
import dev.netloom.graph.project.Project;
import dev.netloom.train.data.DataIssue;
import dev.netloom.train.artifact.ModelArtifact;
import dev.netloom.train.data.DataSources;
import dev.netloom.train.data.Dataset;
import dev.netloom.train.data.Examples;
import dev.netloom.train.data.FittedPreprocessing;
import dev.netloom.train.data.InputBinding;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Locale;

/**
 * Reads the dataset a command works on: the {@code --data} option if given, else the project's
 * {@code data} section, fitted to the graph's inputs; prints what was read and skipped.
 */
final class ProjectDataset {

    /** Skipped rows listed in full; the rest are counted. */
    private static final int SHOWN_ISSUES = 5;

    private ProjectDataset() {
    }

    /** The data section to use: {@code --data} when given, else the project's. */
    static JsonNode section(Project project, String dataOption) throws IOException {
        return dataOption != null ? DataOption.parse(dataOption)
                : project.section("data").orElseThrow(() -> new IOException(
                        "the project has no data section; pass --data (for example --data shapes-qa)"));
    }

    static Dataset read(JsonNode section, Path projectFolder, GraphAnalysis analysis, long seed,
                        PrintWriter out) throws IOException {
        return read(section, projectFolder, analysis, seed, null, out);
    }

    /**
     * Reads the dataset; with {@code fitted} (a trained model's preprocessing and classes) as that
     * model sees it, else learning preprocessing and classes from its training split.
     */
    static Dataset read(JsonNode section, Path projectFolder, GraphAnalysis analysis, long seed,
                        FittedPreprocessing fitted, PrintWriter out) throws IOException {
        Dataset dataset = DataSources.reader(section, projectFolder).read(
                InputBinding.request(analysis, seed).withFitted(fitted));
        out.printf(Locale.ROOT, "Data: %s — %,d training, %,d validation, %,d test examples, %d classes; %s%n",
                dataset.name(), dataset.train().size(), dataset.validation().size(), dataset.test().size(),
                dataset.classes().size(), dataset.report().summary());
        for (DataIssue issue : dataset.report().issues().subList(0, Math.min(SHOWN_ISSUES,
                dataset.report().issues().size()))) {
            out.println("  skipped " + issue);
        }
        out.flush();
        return dataset;
    }

    /** The seed a trained model's data was split with (so reading again gives the same splits). */
    static long seedOf(ModelArtifact.Loaded loaded) {
        return dev.netloom.train.artifact.RecordedData.seed(loaded.training());
    }

    /** Where a trained model's recorded data section is relative to: its project's folder, else the model's. */
    static Path recordedFolder(ModelArtifact.Loaded loaded, Path artifact) {
        return dev.netloom.train.artifact.RecordedData.folder(loaded.training(), artifact);
    }

    /** One split by the name the commands take: {@code train}, {@code validation} or {@code test}. */
    static Examples split(Dataset dataset, String which) {
        return switch (which) {
            case "train" -> dataset.train();
            case "validation" -> dataset.validation();
            case "test" -> dataset.test();
            default -> throw new IllegalArgumentException("no split named " + which);
        };
    }
}
