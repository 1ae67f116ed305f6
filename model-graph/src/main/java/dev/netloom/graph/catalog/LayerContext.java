package dev.netloom.graph.catalog;

import dev.netloom.graph.Node;
import dev.netloom.graph.TensorType;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What a layer's rules see: the node's parameter values (checked, defaults filled in), the
 * types arriving at its inputs and, once inferred, the types at its outputs.
 *
 * @param node the node, for its id
 * @param params every parameter of the layer type, checked and with defaults filled in
 * @param inputs types at the connected input ports, by port name
 * @param outputs types at the output ports; empty while outputs are being inferred
 */
public record LayerContext(Node node, Map<String, Object> params, Map<String, TensorType> inputs,
                           Map<String, TensorType> outputs) {

    public LayerContext {
        params = Map.copyOf(params);
        inputs = Map.copyOf(inputs);
        outputs = Map.copyOf(outputs);
    }

    public int intParam(String name) {
        return (Integer) require(name);
    }

    public double doubleParam(String name) {
        return (Double) require(name);
    }

    public boolean boolParam(String name) {
        return (Boolean) require(name);
    }

    public String choiceParam(String name) {
        return (String) require(name);
    }

    /** A {@link ParamType#SIZE_2D} parameter as {@code [height, width]} (a square's number twice). */
    public int[] pairParam(String name) {
        return ParamSpec.pair(require(name));
    }

    @SuppressWarnings("unchecked")
    public List<Integer> intListParam(String name) {
        return (List<Integer>) require(name);
    }

    /** The type at the input port {@code "in"}. */
    public TensorType in() {
        return input("in").orElseThrow(() -> new ShapeException("in", "input is not connected"));
    }

    /** The type at an input port, if it is connected. */
    public Optional<TensorType> input(String port) {
        return Optional.ofNullable(inputs.get(port));
    }

    /** The inferred type at the output port {@code "out"}. */
    public TensorType out() {
        TensorType t = outputs.get("out");
        if (t == null) {
            throw new IllegalStateException("output of " + node.id() + " is not inferred yet");
        }
        return t;
    }

    /** Fails the layer's rule at a port (null for the layer as a whole). */
    public ShapeException fail(String port, String message) {
        return new ShapeException(port, message);
    }

    private Object require(String name) {
        Object v = params.get(name);
        if (v == null) {
            throw new IllegalStateException(node.type() + " declares no parameter " + name);
        }
        return v;
    }
}
