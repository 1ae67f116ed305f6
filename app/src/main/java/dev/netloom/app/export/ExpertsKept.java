package dev.netloom.app.export;

import com.fasterxml.jackson.databind.JsonNode;
import dev.netloom.app.training.ExpertPruner;
import dev.netloom.graph.project.ProjectFile;
import dev.netloom.train.artifact.ModelArtifact;
import dev.netloom.train.artifact.RecordedData;
import dev.netloom.train.data.DataSources;
import dev.netloom.train.data.Dataset;
import dev.netloom.train.data.InputBinding;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.function.Consumer;

/** The studio's way of measuring the experts card: the artifact and its data read again, then {@link ExpertPruner#everyCount}. */
public final class ExpertsKept {

    private ExpertsKept() {
    }

    /** {@link ExpertsCardModel.Measure} for models on this computer. */
    public static ExpertsCardModel.Measure with(ProjectFile files) {
        return (artifact, progress) -> measure(artifact, files, progress);
    }

    private static List<ExpertPruner.CountRow> measure(Path artifact, ProjectFile files, Consumer<String> progress)
            throws IOException, dev.netloom.train.data.InputMismatchException {
        progress.accept("Reading the model and its data…");
        try (ModelArtifact.Loaded loaded = ModelArtifact.load(artifact, files)) {
            JsonNode section = loaded.project().section("data").orElseThrow(() -> new IOException(
                    "the model has no data section, so its accuracy cannot be measured"));
            Dataset dataset = DataSources.reader(section, RecordedData.folder(loaded.training(), artifact)).read(
                    InputBinding.request(loaded.model().analysis(), RecordedData.seed(loaded.training()))
                            .withFitted(loaded.fitted()));
            return ExpertPruner.everyCount(loaded, dataset, "validation", files, progress);
        }
    }
}
