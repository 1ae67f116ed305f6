package dev.netloom.export.onnx;

import dev.netloom.export.ExportException;
import dev.netloom.graph.artifact.Tensor;

import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * The artifact's weights as the writer takes them: each by {@code nodeId.local} with the shape
 * the graph needs, so a missing or wrong-shaped tensor stops the export with its name. At the
 * end, {@link #checkAllUsed()} refuses tensors no layer asked for (weights of another graph).
 */
public final class Weights {

    private final Map<String, Tensor> tensors;
    private final Set<String> used = new LinkedHashSet<>();

    public Weights(Map<String, Tensor> tensors) {
        this.tensors = tensors;
    }

    /** The values of {@code nodeId.local}, which must have exactly {@code shape}. */
    public float[] get(String nodeId, String local, long... shape) {
        String name = nodeId + "." + local;
        Tensor t = tensors.get(name);
        if (t == null) {
            throw new ExportException("weights.safetensors: no tensor " + name + " (node " + nodeId + " needs it, shape "
                    + Arrays.toString(shape) + ")");
        }
        if (!Arrays.equals(t.shape(), shape)) {
            throw new ExportException("weights.safetensors: tensor " + name + " has shape " + Arrays.toString(t.shape())
                    + ", the graph needs " + Arrays.toString(shape));
        }
        if (t.floats() == null) {
            throw new ExportException("weights.safetensors: tensor " + name + " holds " + t.dtype() + ", not F32");
        }
        used.add(name);
        return t.floats();
    }

    /** Refuses tensors that belong to no layer of the graph. */
    public void checkAllUsed() {
        Set<String> extra = new TreeSet<>(tensors.keySet());
        extra.removeAll(used);
        if (!extra.isEmpty()) {
            throw new ExportException("weights.safetensors: tensor " + extra.iterator().next()
                    + " belongs to no layer of the graph" + (extra.size() > 1 ? " (and " + (extra.size() - 1) + " more)" : "")
                    + "; the weights are from another model");
        }
    }
}
