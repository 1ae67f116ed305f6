package dev.netloom.train;

import ai.djl.Model;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Parameter;
import ai.djl.training.ParameterStore;
import dev.netloom.graph.analysis.GraphAnalysis;
import dev.netloom.graph.artifact.Tensor;
import dev.netloom.train.data.Examples;
import dev.netloom.train.model.GraphBlock;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A model with weights, ready to predict: the compiled graph in a DJL model, and which dataset
 * field feeds each input. Made by a {@link TrainingRun} or loaded from an artifact. Owns native
 * memory: close it.
 */
public final class TrainedModel implements AutoCloseable {

    private final Model model;
    private final GraphBlock block;
    private final List<String> fieldOrder;

    /**
     * Compiles a valid graph and initialises its weights from the engine's seeded generator.
     *
     * @param fieldOrder the dataset field feeding each graph input, in graph order of the inputs
     */
    public static TrainedModel create(GraphAnalysis analysis, List<String> fieldOrder, long seed) {
        ai.djl.engine.Engine.getInstance().setRandomSeed((int) seed);
        GraphBlock block = new GraphBlock(analysis);
        Model model = Model.newInstance("netloom");
        model.setBlock(block);
        Shape[] shapes = block.inputIds().stream()
                .map(id -> shapeOf(analysis, id)).toArray(Shape[]::new);
        block.initialize(model.getNDManager(), DataType.FLOAT32, shapes);
        return new TrainedModel(model, block, fieldOrder);
    }

    private static Shape shapeOf(GraphAnalysis analysis, String inputId) {
        var type = analysis.report(inputId).orElseThrow().out();
        long[] dims = new long[type.rank() + 1];
        dims[0] = 1;
        for (int i = 0; i < type.rank(); i++) {
            dims[i + 1] = type.dim(i);
        }
        return new Shape(dims);
    }

    private TrainedModel(Model model, GraphBlock block, List<String> fieldOrder) {
        this.model = model;
        this.block = block;
        this.fieldOrder = List.copyOf(fieldOrder);
        if (fieldOrder.size() != block.inputIds().size()) {
            throw new IllegalArgumentException("the graph has inputs " + block.inputIds() + " but " + fieldOrder.size()
                    + " fields were bound: " + fieldOrder);
        }
    }

    public Model model() {
        return model;
    }

    public GraphBlock block() {
        return block;
    }

    public GraphAnalysis analysis() {
        return block.analysis();
    }

    /** The dataset field feeding each graph input, in the block's input order. */
    public List<String> fieldOrder() {
        return fieldOrder;
    }

    /** Every weight (and running statistic) by its artifact name, copied out. */
    public Map<String, Tensor> weights() {
        Map<String, Tensor> out = new LinkedHashMap<>();
        block.weightsByName().forEach((name, p) -> out.put(name, Tensor.of(p.getArray().toFloatArray(),
                p.getArray().getShape().getShape())));
        return out;
    }

    /** Replaces every weight; names and shapes must match exactly. */
    public void setWeights(Map<String, Tensor> weights) {
        Map<String, Parameter> params = block.weightsByName();
        if (!params.keySet().equals(weights.keySet())) {
            var missing = new java.util.TreeSet<>(params.keySet());
            missing.removeAll(weights.keySet());
            var extra = new java.util.TreeSet<>(weights.keySet());
            extra.removeAll(params.keySet());
            throw new IllegalArgumentException("weights do not match the graph: missing " + missing + ", unexpected " + extra);
        }
        // The write must not be recorded by autograd (a leaf that requires grad cannot be written in
        // place while grad mode is on, as it is on a thread that trains); grad mode is per thread.
        boolean grad = ai.djl.pytorch.jni.JniUtils.isGradMode();
        ai.djl.pytorch.jni.JniUtils.setGradMode(false);
        try {
            params.forEach((name, p) -> {
                Tensor t = weights.get(name);
                if (!java.util.Arrays.equals(t.shape(), p.getArray().getShape().getShape())) {
                    throw new IllegalArgumentException("weight " + name + " has shape " + java.util.Arrays.toString(t.shape())
                            + ", the graph needs " + p.getArray().getShape());
                }
                // Written through an index with an array, not set(float[]) or copyTo: those go through
                // libtorch's deprecated AutoNonVariableTypeMode, which prints a warning on stderr.
                try (NDManager scratch = p.getArray().getManager().newSubManager()) {
                    p.getArray().set(new ai.djl.ndarray.index.NDIndex(":"), scratch.create(t.floats(), p.getArray().getShape()));
                }
            });
        } finally {
            ai.djl.pytorch.jni.JniUtils.setGradMode(grad);
        }
    }

    /**
     * The first head's outputs (logits) for some rows, [rows][classes]; for a per-position head each
     * row holds every position's scores in the head's layout ([K, H, W] or [T, K], flattened).
     */
    public float[][] predict(Examples examples, int[] rows) {
        try (NDManager manager = model.getNDManager().newSubManager()) {
            NDList out = block.forward(new ParameterStore(manager, false),
                    Batches.inputs(manager, examples, fieldOrder, rows), false);
            NDArray logits = out.get(0);
            int classes = (int) (logits.size() / Math.max(1, rows.length));
            float[] flat = logits.toFloatArray();
            float[][] result = new float[rows.length][classes];
            for (int i = 0; i < rows.length; i++) {
                System.arraycopy(flat, i * classes, result[i], 0, classes);
            }
            return result;
        }
    }

    @Override
    public void close() {
        model.close();
    }
}
