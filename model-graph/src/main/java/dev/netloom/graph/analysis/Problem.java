package dev.netloom.graph.analysis;

import java.util.Optional;

/**
 * Something wrong with a graph, located as precisely as it can be.
 *
 * @param severity whether it stops training
 * @param nodeId the node it is at, or null for the graph as a whole
 * @param port the port it is at, or null for the node as a whole
 * @param message what was expected and what was found
 * @param fix a suggested one-click repair, if there is an obvious one
 */
public record Problem(Severity severity, String nodeId, String port, String message, Optional<Fix> fix) {

    public Problem {
        fix = fix == null ? Optional.empty() : fix;
    }

    static Problem error(String nodeId, String port, String message) {
        return new Problem(Severity.ERROR, nodeId, port, message, Optional.empty());
    }

    /** Where the problem is: {@code node conv3, port in}, or {@code graph}. */
    public String location() {
        if (nodeId == null) {
            return "graph";
        }
        return "node " + nodeId + (port == null ? "" : ", port " + port);
    }

    /** One line for a terminal: location, message and, if any, the suggested fix. */
    @Override
    public String toString() {
        return location() + ": " + message + fix.map(f -> "; " + f.description()).orElse("");
    }
}
