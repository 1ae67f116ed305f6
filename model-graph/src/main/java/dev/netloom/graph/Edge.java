package dev.netloom.graph;

import java.util.Objects;

/**
 * A connection from one node's output port to another node's input port. An output may feed
 * many inputs; an input takes exactly one edge.
 */
public record Edge(PortRef from, PortRef to) {

    public Edge {
        Objects.requireNonNull(from, "from");
        Objects.requireNonNull(to, "to");
    }

    /** Shorthand: {@code Edge.of("conv1.out", "pool1.in")}. */
    public static Edge of(String from, String to) {
        return new Edge(PortRef.parse(from), PortRef.parse(to));
    }

    @Override
    public String toString() {
        return from + " -> " + to;
    }
}
