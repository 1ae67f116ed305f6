package dev.netloom.app.export;

import com.fasterxml.jackson.databind.node.MissingNode;
import dev.netloom.export.Artifact;
import dev.netloom.graph.Graph;
import dev.netloom.graph.TensorType;
import dev.netloom.graph.analysis.GraphAnalysis;
import dev.netloom.graph.analysis.GraphAnalyzer;
import dev.netloom.graph.artifact.Tensor;
import dev.netloom.graph.catalog.LayerCatalog;
import dev.netloom.graph.project.Project;
import dev.netloom.train.TrainedModel;
import dev.netloom.train.data.Examples;
import dev.netloom.train.data.Field;
import dev.netloom.train.data.FieldKind;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * The training engine as the reference an export is measured against: a graph with random
 * weights (batch-norm statistics included, so no layer is an identity), a random batch, and the
 * engine's outputs for it, packed as an export {@link Artifact}.
 */
final class DjlReference implements AutoCloseable {

    final GraphAnalysis analysis;
    final TrainedModel model;
    final Map<String, Tensor> inputs = new LinkedHashMap<>();
    final Examples examples;
    final int rows;

    DjlReference(Graph graph, int rows, long seed) {
        this.analysis = new GraphAnalyzer(LayerCatalog.standard()).analyze(graph);
        if (!analysis.isValid()) {
            throw new IllegalArgumentException("invalid test graph: " + analysis.problems());
        }
        this.rows = rows;
        Random random = new Random(seed);
        List<String> inputIds = new ArrayList<>();
        this.model = TrainedModel.create(analysis, inputIdsOf(analysis, inputIds), seed);
        Map<String, Tensor> weights = new LinkedHashMap<>(model.weights());
        weights.replaceAll((name, t) -> name.endsWith("runningVariance") ? Tensor.of(uniform(random, t.size(), 0.5f, 1.5f), t.shape())
                : name.endsWith("runningMean") || name.endsWith("gamma") || name.endsWith("beta")
                ? Tensor.of(uniform(random, t.size(), -0.5f, 0.5f), t.shape()) : t);
        model.setWeights(weights);
        List<Field> fields = new ArrayList<>();
        for (String id : inputIds) {
            TensorType t = analysis.report(id).orElseThrow().out();
            long[] shape = new long[t.rank() + 1];
            shape[0] = rows;
            int[] exampleShape = new int[t.rank()];
            for (int i = 0; i < t.rank(); i++) {
                shape[i + 1] = t.dim(i);
                exampleShape[i] = t.dim(i);
            }
            int size = (int) (rows * t.elements());
            if (t.vocabulary() > 0) {
                long[] ids = new long[size];
                for (int i = 0; i < size; i++) {
                    ids[i] = random.nextInt(t.vocabulary());
                }
                fields.add(Field.tokens(id, t.dim(0), ids));
                inputs.put(id, Tensor.ofLongs(ids, shape));
            } else {
                float[] values = new float[size];
                for (int i = 0; i < size; i++) {
                    values[i] = (float) random.nextGaussian();
                }
                fields.add(Field.floats(id, t.rank() == 3 ? FieldKind.IMAGE : FieldKind.FEATURES, exampleShape, values));
                inputs.put(id, Tensor.of(values, shape));
            }
        }
        this.examples = new Examples(fields, new int[rows]);
    }

    private static List<String> inputIdsOf(GraphAnalysis analysis, List<String> into) {
        analysis.graph().nodes().stream()
                .filter(n -> analysis.report(n.id()).orElseThrow().spec().category() == dev.netloom.graph.catalog.Category.INPUTS)
                .forEach(n -> into.add(n.id()));
        return into;
    }

    /** The engine's outputs (logits of the first head), flattened. */
    float[] outputs() {
        float[][] out = model.predict(examples, java.util.stream.IntStream.range(0, rows).toArray());
        float[] flat = new float[out.length * out[0].length];
        for (int i = 0; i < out.length; i++) {
            System.arraycopy(out[i], 0, flat, i * out[0].length, out[0].length);
        }
        return flat;
    }

    /** The engine's outputs with other weights loaded (the weights an export computes with). */
    float[] outputsWith(Map<String, Tensor> weights) {
        Map<String, Tensor> original = model.weights();
        model.setWeights(weights);
        try {
            return outputs();
        } finally {
            model.setWeights(original);
        }
    }

    /** An export artifact of this model (the probe is this batch and its outputs). */
    Artifact artifact(String name) {
        Map<String, Tensor> probe = new LinkedHashMap<>();
        inputs.forEach((id, t) -> probe.put("input." + id, t));
        return new Artifact(Path.of(name), new Project(name, "", analysis.graph(), Map.of()), analysis, model.weights(),
                probe, List.of(), List.of(), MissingNode.getInstance(), MissingNode.getInstance(), MissingNode.getInstance());
    }

    private static float[] uniform(Random random, int n, float from, float to) {
        float[] v = new float[n];
        for (int i = 0; i < n; i++) {
            v[i] = from + random.nextFloat() * (to - from);
        }
        return v;
    }

    @Override
    public void close() {
        model.close();
    }
}
