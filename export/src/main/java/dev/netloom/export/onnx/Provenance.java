package dev.netloom.export.onnx;

import dev.netloom.export.Artifact;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Where an exported model came from, written into {@code model.onnx} as metadata so that the
 * file alone says it (Netron and ONNX Runtime show {@code metadata_props}): the studio version,
 * the SHA-256 of the graph that was trained, the dataset's fingerprint and name, the training
 * seed, and each layer's precision.
 *
 * @param netloomVersion the studio version that exported it
 * @param graphSha256 SHA-256 of the artifact's {@code graph.json}
 * @param datasetName the dataset's name, or empty when the artifact does not say
 * @param datasetFingerprint the dataset's fingerprint from training, or empty
 * @param trainingSeed the training seed, or empty
 * @param precisionPlan each layer's precision, {@code node=precision} joined by commas
 */
public record Provenance(String netloomVersion, String graphSha256, String datasetName, String datasetFingerprint,
                         String trainingSeed, String precisionPlan) {

    /** The provenance of {@code model}, written from {@code artifact} by studio {@code netloomVersion}. */
    public static Provenance of(Artifact artifact, OnnxModel model, String netloomVersion) {
        var training = artifact.training();
        String plan = model.precisionPerLayer().entrySet().stream()
                .map(e -> e.getKey() + "=" + e.getValue().key()).collect(Collectors.joining(","));
        return new Provenance(netloomVersion, artifact.graphSha256(), training.path("dataset").path("name").asText(""),
                training.path("dataset").path("fingerprint").asText(""),
                training.path("seed").isIntegralNumber() ? training.path("seed").asText() : "", plan);
    }

    /** The metadata entries, keys prefixed {@code netloom.}; empty values are left out. */
    public Map<String, String> metadata() {
        Map<String, String> m = new LinkedHashMap<>();
        m.put("netloom.version", netloomVersion);
        m.put("netloom.graph_sha256", graphSha256);
        m.put("netloom.dataset", datasetName);
        m.put("netloom.dataset_fingerprint", datasetFingerprint);
        m.put("netloom.training_seed", trainingSeed);
        m.put("netloom.precision_plan", precisionPlan);
        m.values().removeIf(String::isEmpty);
        return m;
    }
}
