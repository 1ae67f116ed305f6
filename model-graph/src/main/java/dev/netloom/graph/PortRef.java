package dev.netloom.graph;

import java.util.Objects;

/**
 * A port of a node in a graph, written {@code nodeId.port} in project files.
 *
 * @param nodeId the node's id
 * @param port the port's name, as the layer catalog declares it
 */
public record PortRef(String nodeId, String port) {

    public PortRef {
        Objects.requireNonNull(nodeId, "nodeId");
        Objects.requireNonNull(port, "port");
    }

    /** Parses {@code nodeId.port}; the port is the part after the last dot. */
    public static PortRef parse(String text) {
        int dot = text.lastIndexOf('.');
        if (dot <= 0 || dot == text.length() - 1) {
            throw new IllegalArgumentException("expected \"node.port\", got \"" + text + "\"");
        }
        return new PortRef(text.substring(0, dot), text.substring(dot + 1));
    }

    @Override
    public String toString() {
        return nodeId + "." + port;
    }
}
