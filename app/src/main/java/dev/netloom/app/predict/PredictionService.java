package dev.netloom.app.predict;

import dev.netloom.graph.project.ProjectFile;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Predictions from a trained model, for {@code netloom predict} and the studio's "Try it" panel:
 * open a model artifact (training engine) or a bundle folder (ONNX Runtime), then ask it.
 */
public final class PredictionService {

    private PredictionService() {
    }

    /**
     * Opens a model artifact (a folder with {@code graph.json}) or a bundle (a folder with
     * {@code manifest.json}).
     *
     * @throws IOException one line naming the folder when it is neither, or cannot be loaded
     */
    public static Predictor open(Path model, ProjectFile files) throws IOException {
        if (Files.isRegularFile(model) && model.getFileName().toString().endsWith(".zip")) {
            throw new IOException(model + ": unzip the bundle first and pass its folder");
        }
        if (!Files.isDirectory(model)) {
            throw new IOException(model + ": no such model folder");
        }
        if (Files.isRegularFile(model.resolve("manifest.json"))) {
            return new BundlePredictor(model, 1);
        }
        if (dev.netloom.graph.artifact.ArtifactLayout.looksLikeOne(model)) {
            return new ArtifactPredictor(model, files);
        }
        throw new IOException(model + ": neither a model artifact (graph.json, preprocess.json) nor a bundle (manifest.json)");
    }

    /**
     * The {@code k} most probable classes for each query.
     *
     * @throws BadInputException one line naming the input the model cannot take
     */
    public static List<Prediction> predict(Predictor predictor, List<Query> queries, int k) {
        List<double[]> probabilities = predictor.probabilities(queries);
        List<Prediction> out = new ArrayList<>(queries.size());
        for (int i = 0; i < queries.size(); i++) {
            out.add(Prediction.of(queries.get(i).source(), probabilities.get(i), predictor.classes(), k));
        }
        return out;
    }
}
