package dev.netloom.graph.catalog;

import dev.netloom.graph.Cost;
import dev.netloom.graph.Direction;
import dev.netloom.graph.TensorType;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * One layer type of the catalog: the single description that the editor's palette and
 * property sheet, the shape inference, the cost model, the training compiler and the ONNX
 * writer all read.
 *
 * <p>A spec declares its parameters ({@link ParamSpec}) and ports ({@link PortSpec}), and
 * implements three rules for one example (the batch dimension is symbolic): the shape rule
 * {@link #outputs}, the parameter count {@link #parameters} and the multiply-adds
 * {@link #multiplyAdds}. Activation memory is the bytes of the outputs plus
 * {@link #workspaceBytes}. The public entry points {@link #inferOutputs} and {@link #cost} are
 * final: they check that a rule's answer matches the declared ports before anyone relies on it.
 *
 * <p>A spec is keyed by its {@link LayerType} and declares its {@link LayerTraits} (free, fusable,
 * takes in followers, how it uses its weights: {@link #free}, {@link #fusable}, {@link #hasWeights},
 * {@link #quantizable}); the estimator, the exporter and the quantizers read those traits instead
 * of keeping lists of type names.
 *
 * <h2>How to add a layer type</h2>
 * <ol>
 *   <li>Add its constant to {@link LayerType} (the one place its name is written; a test fails on
 *       the name as a string literal anywhere else in the main sources).</li>
 *   <li>Write a final class in {@code dev.netloom.graph.layers} that extends {@code LayerSpec},
 *       passing the constant and its {@link LayerTraits}: parameters with plain-language
 *       descriptions and safe ranges, ports with the tensor kinds they accept.</li>
 *   <li>Put rules between parameters alone in {@link #parameterRules}. Implement {@link #outputs}; throw {@link LayerContext#fail} with a message that names
 *       expected and actual values (the analyser adds the node).</li>
 *   <li>Implement {@link #parameters} and {@link #multiplyAdds}; override {@link #workspaceBytes}
 *       for transient memory, and the {@code active*} methods if not every weight is used.</li>
 *   <li>Register it in {@link LayerCatalog#standard()} and add a shape-and-cost test with
 *       hand-computed values in {@code LayerRulesTest}.</li>
 *   <li>Later modules keep their behaviour per type in registries keyed by {@link LayerType}, each
 *       with a contract test over every catalog entry that fails naming the type without one:
 *       the training module ({@code LayerModules}), the ONNX writer ({@code OnnxLayers}), the
 *       operator count ({@code OperatorCount}), the kernel class of a convolution
 *       ({@code KernelClass}), the icon ({@code LayerIcons}) and, for an input, the wizard's word
 *       for what it reads ({@code TemplateChoice}). {@code docs/architecture.md} "Adding a layer type" has the whole checklist.</li>
 * </ol>
 */
public abstract class LayerSpec {

    private final LayerType type;
    private final Category category;
    private final LayerTraits traits;
    private final String description;
    private final List<ParamSpec> params;
    private final List<PortSpec> ports;

    /**
     * @param type the type's key: a {@link LayerType} constant for a built-in type
     * @param traits what the type is at inference (free, fusable, how it uses its weights)
     */
    protected LayerSpec(LayerType type, Category category, LayerTraits traits, String description,
                        List<ParamSpec> params, List<PortSpec> ports) {
        this.type = Objects.requireNonNull(type, "type");
        this.category = Objects.requireNonNull(category, "category");
        this.traits = Objects.requireNonNull(traits, "traits");
        this.description = Objects.requireNonNull(description, "description");
        this.params = List.copyOf(params);
        this.ports = List.copyOf(ports);
    }

    /** The layer type's name as written in project files, for example {@code "Conv2d"}. */
    public final String type() {
        return type.name();
    }

    /** The layer type as a key for per-module registries. */
    public final LayerType layerType() {
        return type;
    }

    /** What the type is at inference; the estimator, the exporter and the quantizers read it. */
    public final LayerTraits traits() {
        return traits;
    }

    /** No work at inference: an input the caller feeds, or a view or no-op. */
    public final boolean free() {
        return traits.free();
    }

    /** Whether the type can have trainable weights. */
    public final boolean hasWeights() {
        return traits.hasWeights();
    }

    /** Whether its weights are stored at the layer's precision (the exporter quantizes them). */
    public final boolean quantizable() {
        return traits.quantizable();
    }

    /**
     * Whether a node of this type with these parameter values is folded into the layer before it
     * (when that layer {@linkplain LayerTraits#fusesFollowers takes in followers} and feeds only it).
     */
    public final boolean fusable(Map<String, Object> params) {
        return traits.fusable() && fusableWith(params);
    }

    public final Category category() {
        return category;
    }

    /** One plain-language sentence for the palette's tooltip. */
    public final String description() {
        return description;
    }

    public final List<ParamSpec> params() {
        return params;
    }

    public final Optional<ParamSpec> param(String name) {
        return params.stream().filter(p -> p.name().equals(name)).findFirst();
    }

    public final List<PortSpec> inputs() {
        return ports.stream().filter(p -> p.direction() == Direction.IN).toList();
    }

    public final List<PortSpec> outputs() {
        return ports.stream().filter(p -> p.direction() == Direction.OUT).toList();
    }

    public final Optional<PortSpec> port(String name, Direction direction) {
        return ports.stream().filter(p -> p.name().equals(name) && p.direction() == direction).findFirst();
    }

    /** Every parameter's default value, in declaration order. */
    public final Map<String, Object> defaults() {
        Map<String, Object> d = new LinkedHashMap<>();
        params.forEach(p -> d.put(p.name(), p.defaultValue()));
        return d;
    }

    /**
     * Infers the types at the output ports from the inputs.
     *
     * @throws ShapeException when the inputs or parameters cannot work together
     */
    public final Map<String, TensorType> inferOutputs(LayerContext ctx) {
        Map<String, TensorType> out;
        try {
            out = outputs(ctx);
        } catch (IllegalArgumentException | ArithmeticException e) {
            // A dimension came out non-positive or too large to count: say so rather than crash.
            throw new ShapeException(null, "the output shape is not valid: " + e.getMessage());
        }
        for (PortSpec p : outputs()) {
            TensorType t = out.get(p.name());
            if (t == null || !p.accepts().contains(t.kind())) {
                throw new IllegalStateException(type + " gave " + t + " at output " + p.name());
            }
        }
        return Map.copyOf(out);
    }

    /**
     * Checks rules between parameters that hold whatever the inputs are (for example
     * {@code topK <= experts}), so they are reported even while the layer is unconnected.
     *
     * @throws ShapeException naming what is wrong
     */
    public final void checkParameters(LayerContext ctx) {
        parameterRules(ctx);
    }

    /** Parameters, multiply-adds and activation memory, for a context whose outputs are inferred. */
    public final Cost cost(LayerContext ctx) {
        long outBytes = 0;
        for (TensorType t : ctx.outputs().values()) {
            outBytes = Math.addExact(outBytes, t.bytes());
        }
        return new Cost(parameters(ctx), activeParameters(ctx), multiplyAdds(ctx), activeMultiplyAdds(ctx),
                Math.addExact(outBytes, workspaceBytes(ctx)));
    }

    /** Rules between parameters alone; throw {@link LayerContext#fail} when one is broken. None by default. */
    protected void parameterRules(LayerContext ctx) {
    }

    /** The shape rule: types at every declared output port. */
    protected abstract Map<String, TensorType> outputs(LayerContext ctx);

    /** Trainable weights. */
    protected abstract long parameters(LayerContext ctx);

    /** Multiply-adds of matrix products and convolutions for one example. */
    protected abstract long multiplyAdds(LayerContext ctx);

    /** Weights one token uses; all of them unless the layer routes. */
    protected long activeParameters(LayerContext ctx) {
        return parameters(ctx);
    }

    /** Multiply-adds actually done; all of them unless the layer routes. */
    protected long activeMultiplyAdds(LayerContext ctx) {
        return multiplyAdds(ctx);
    }

    /**
     * Narrows {@link LayerTraits#fusable} by parameter value (an activation fuses only as a simple
     * function); true by default.
     */
    protected boolean fusableWith(Map<String, Object> params) {
        return true;
    }

    /** Transient memory beyond the outputs, for example attention scores. */
    protected long workspaceBytes(LayerContext ctx) {
        return 0;
    }

    /** Multiplies, throwing {@link ArithmeticException} on overflow. */
    protected static long product(long... factors) {
        long p = 1;
        for (long f : factors) {
            p = Math.multiplyExact(p, f);
        }
        return p;
    }

    /** Adds, throwing {@link ArithmeticException} on overflow. */
    protected static long sum(long... terms) {
        long s = 0;
        for (long t : terms) {
            s = Math.addExact(s, t);
        }
        return s;
    }

    /** A dimension computed in {@code long}, refused when it does not fit a tensor dimension. */
    protected static int dimension(long value) {
        if (value <= 0 || value > Integer.MAX_VALUE) {
            throw new IllegalArgumentException("dimension " + value + " is out of range");
        }
        return (int) value;
    }

    @Override
    public String toString() {
        return type.name();
    }
}
