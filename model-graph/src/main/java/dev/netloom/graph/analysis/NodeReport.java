package dev.netloom.graph.analysis;

import dev.netloom.graph.Cost;
import dev.netloom.graph.Node;
import dev.netloom.graph.TensorType;
import dev.netloom.graph.catalog.LayerSpec;

import java.util.Map;

/**
 * What the analyser learned about one node whose shapes could be inferred.
 *
 * @param node the node
 * @param spec its layer type
 * @param params every parameter value, defaults filled in
 * @param inputs types arriving at its input ports
 * @param outputs types at its output ports
 * @param cost its parameters, multiply-adds and activation memory
 */
public record NodeReport(Node node, LayerSpec spec, Map<String, Object> params, Map<String, TensorType> inputs,
                         Map<String, TensorType> outputs, Cost cost) {

    public NodeReport {
        params = Map.copyOf(params);
        inputs = Map.copyOf(inputs);
        outputs = Map.copyOf(outputs);
    }

    /** The type at output {@code "out"}, which every catalog layer has. */
    public TensorType out() {
        return outputs.get("out");
    }
}
