package dev.netloom.graph.edit;

import dev.netloom.graph.Graph;
import dev.netloom.graph.Node;
import dev.netloom.graph.Position;
import dev.netloom.graph.catalog.LayerCatalog;
import dev.netloom.graph.catalog.LayerSpec;

import java.util.Map;

/** Adds a node. {@link #of} makes one of a catalog type with default parameters and a fresh id. */
public record AddNode(Node node) implements Edit {

    /** A node of {@code type} with its defaults, an id made from the type's name, at {@code position}. */
    public static AddNode of(Graph graph, LayerCatalog catalog, String type, Position position) {
        LayerSpec spec = catalog.require(type);
        String id = graph.freshId(Character.toLowerCase(type.charAt(0)) + type.substring(1));
        return new AddNode(new Node(id, type, spec.defaults(), position, ""));
    }

    @Override
    public Graph applyTo(Graph graph, LayerCatalog catalog) throws EditRefusedException {
        if (graph.hasNode(node.id())) {
            throw new EditRefusedException("a node with id \"" + node.id() + "\" already exists");
        }
        checkAgainstCatalog(node, catalog);
        return graph.withNode(node);
    }

    /** Refuses a node whose type is unknown or whose parameter values the type does not allow. */
    static void checkAgainstCatalog(Node node, LayerCatalog catalog) throws EditRefusedException {
        LayerSpec spec = catalog.find(node.type())
                .orElseThrow(() -> new EditRefusedException(catalog.unknownTypeMessage(node.type())));
        for (Map.Entry<String, Object> e : node.params().entrySet()) {
            SetParam.check(spec, e.getKey(), e.getValue());
        }
    }

    @Override
    public String description() {
        return "add " + node.type();
    }
}
