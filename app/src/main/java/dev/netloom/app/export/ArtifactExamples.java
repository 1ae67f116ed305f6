package dev.netloom.app.export;

import com.fasterxml.jackson.databind.JsonNode;
import dev.netloom.export.Artifact;
import dev.netloom.export.ExportException;
import dev.netloom.export.verify.EvaluationSet;
import dev.netloom.graph.artifact.Tensor;
import dev.netloom.train.data.DataSources;
import dev.netloom.train.data.Dataset;
import dev.netloom.train.data.Examples;
import dev.netloom.train.data.Field;
import dev.netloom.train.data.InputBinding;

import java.io.IOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The labelled examples an export is measured on: the artifact's own dataset, read again from its
 * data section with the recorded seed (so the same splits and the same training-split statistics),
 * handed to export as plain tensors. This is where the training engine's data meets export, which
 * cannot read datasets itself.
 */
public final class ArtifactExamples {

    private final Dataset dataset;
    private final List<String> fieldOrder;
    private final List<String> inputIds;

    private ArtifactExamples(Dataset dataset, List<String> fieldOrder, List<String> inputIds) {
        this.dataset = dataset;
        this.fieldOrder = fieldOrder;
        this.inputIds = inputIds;
    }

    /** Reads the data the artifact was trained on; fails with one line when it cannot be found or does not fit. */
    public static ArtifactExamples read(Artifact artifact) {
        JsonNode section = artifact.project().section("data").orElseThrow(() -> new ExportException(
                artifact.dir().resolve(dev.netloom.graph.artifact.ArtifactLayout.GRAPH) + ": the model has no data section, so its accuracy after "
                        + "quantization cannot be measured"));
        long seed = dev.netloom.train.artifact.RecordedData.seed(artifact.training());
        Path folder = dev.netloom.train.artifact.RecordedData.folder(artifact.training(), artifact.dir());
        try {
            Dataset dataset = DataSources.reader(section, folder).read(InputBinding.request(artifact.analysis(), seed));
            List<String> fields = InputBinding.bind(artifact.analysis(), dataset).fieldsInGraphOrder(artifact.analysis());
            if (!dataset.classes().equals(artifact.labels())) {
                throw new ExportException(artifact.dir().resolve(dev.netloom.graph.artifact.ArtifactLayout.LABELS) + ": the model's classes " + artifact.labels()
                        + " differ from its dataset's " + dataset.classes());
            }
            return new ArtifactExamples(dataset, fields, artifact.inputIds());
        } catch (IOException | dev.netloom.train.data.InputMismatchException e) {
            throw new ExportException("cannot read the model's data to measure accuracy: " + e.getMessage(), e);
        }
    }

    public Dataset dataset() {
        return dataset;
    }

    /** The test split. */
    public EvaluationSet test() {
        return of("test", dataset.test());
    }

    /** The validation split (what the planner tunes on, so the test split stays an honest score). */
    public EvaluationSet validation() {
        return of("validation", dataset.validation());
    }

    private EvaluationSet of(String split, Examples examples) {
        Map<String, Tensor> inputs = new LinkedHashMap<>();
        for (int i = 0; i < inputIds.size(); i++) {
            Field f = examples.field(fieldOrder.get(i)).orElseThrow();
            long[] shape = new long[f.shape().length + 1];
            shape[0] = examples.size();
            for (int d = 0; d < f.shape().length; d++) {
                shape[d + 1] = f.shape()[d];
            }
            inputs.put(inputIds.get(i), f.numeric() ? Tensor.of(f.floats(), shape) : Tensor.ofLongs(f.ids(), shape));
        }
        java.util.List<Field> masks = examples.fields(dev.netloom.train.data.FieldKind.MASK);
        if (masks.isEmpty()) {
            return new EvaluationSet(split, inputs, examples.labels());
        }
        // A per-position head: accuracy is over labelled positions, the model giving [K, H, W] or [T, K].
        Field mask = masks.get(0);
        boolean classesFirst = mask.shape().length == 2;
        return new EvaluationSet(split, inputs, examples.labels(),
                new EvaluationSet.Positions(mask.ids(), mask.exampleSize(), classesFirst));
    }
}
