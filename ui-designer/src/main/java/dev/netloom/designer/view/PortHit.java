package dev.netloom.designer.view;

import dev.netloom.graph.Direction;
import dev.netloom.graph.PortRef;

/** A port found under the pointer: which node, which port, which side. */
public record PortHit(String nodeId, String port, Direction direction) {

    public PortRef ref() {
        return new PortRef(nodeId, port);
    }
}
