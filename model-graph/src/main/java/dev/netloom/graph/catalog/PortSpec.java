package dev.netloom.graph.catalog;

import dev.netloom.graph.Direction;
import dev.netloom.graph.TensorKind;

import java.util.EnumSet;
import java.util.Objects;
import java.util.Set;

/**
 * A port a layer type declares: its name, whether it takes or gives a tensor, which kinds of
 * tensor it accepts, and whether it must be connected.
 *
 * @param name unique among the layer's ports of the same direction, for example {@code "in"}
 * @param direction in or out
 * @param accepts the tensor kinds an input accepts; for an output, the kinds it may give
 * @param required whether an input must be connected for the graph to be valid
 * @param description a short phrase for tooltips
 */
public record PortSpec(String name, Direction direction, Set<TensorKind> accepts, boolean required,
                       String description) {

    public PortSpec {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(direction, "direction");
        accepts = Set.copyOf(accepts);
        if (accepts.isEmpty()) {
            throw new IllegalArgumentException("port " + name + " accepts no tensor kind");
        }
    }

    /** A required input port accepting the given kinds. */
    public static PortSpec input(String name, String description, TensorKind first, TensorKind... more) {
        return new PortSpec(name, Direction.IN, EnumSet.of(first, more), true, description);
    }

    /** An input that may stay unconnected. */
    public static PortSpec optionalInput(String name, String description, TensorKind first, TensorKind... more) {
        return new PortSpec(name, Direction.IN, EnumSet.of(first, more), false, description);
    }

    /** An output port giving one of the given kinds. */
    public static PortSpec output(String name, String description, TensorKind first, TensorKind... more) {
        return new PortSpec(name, Direction.OUT, EnumSet.of(first, more), false, description);
    }

    /** Every kind, for layers that work on any tensor. */
    public static Set<TensorKind> anyKind() {
        return EnumSet.allOf(TensorKind.class);
    }
}
