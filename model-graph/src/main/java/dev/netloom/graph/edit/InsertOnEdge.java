package dev.netloom.graph.edit;

import dev.netloom.graph.Edge;
import dev.netloom.graph.Graph;
import dev.netloom.graph.Node;
import dev.netloom.graph.PortRef;
import dev.netloom.graph.Position;
import dev.netloom.graph.analysis.Fix;
import dev.netloom.graph.catalog.LayerCatalog;
import dev.netloom.graph.catalog.LayerSpec;

/**
 * Splits an edge with a new layer of the given type, placed half-way between its ends: the
 * one-click form of an analyser {@link Fix} such as "insert Flatten between conv3 and fc1".
 */
public record InsertOnEdge(Edge edge, String type) implements Edit {

    public static InsertOnEdge of(Fix fix) {
        return new InsertOnEdge(fix.edge(), fix.insertType());
    }

    @Override
    public Graph applyTo(Graph graph, LayerCatalog catalog) throws EditRefusedException {
        if (!graph.edges().contains(edge)) {
            throw new EditRefusedException("there is no connection " + edge);
        }
        LayerSpec spec = catalog.find(type).orElseThrow(() -> new EditRefusedException(catalog.unknownTypeMessage(type)));
        if (spec.inputs().isEmpty() || spec.outputs().isEmpty()) {
            throw new EditRefusedException(type + " cannot sit on a connection");
        }
        Position a = graph.requireNode(edge.from().nodeId()).position();
        Position b = graph.requireNode(edge.to().nodeId()).position();
        String id = graph.freshId(Character.toLowerCase(type.charAt(0)) + type.substring(1));
        Node inserted = new Node(id, type, spec.defaults(), new Position((a.x() + b.x()) / 2, (a.y() + b.y()) / 2), "");
        return graph.withoutEdge(edge)
                .withNode(inserted)
                .withEdge(new Edge(edge.from(), new PortRef(id, spec.inputs().get(0).name())))
                .withEdge(new Edge(new PortRef(id, spec.outputs().get(0).name()), edge.to()));
    }

    @Override
    public String description() {
        return "insert " + type;
    }
}
