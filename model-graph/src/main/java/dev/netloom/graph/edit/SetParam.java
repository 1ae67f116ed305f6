package dev.netloom.graph.edit;

import dev.netloom.graph.Graph;
import dev.netloom.graph.Node;
import dev.netloom.graph.catalog.LayerCatalog;
import dev.netloom.graph.catalog.LayerSpec;
import dev.netloom.graph.catalog.ParamSpec;

/** Sets one parameter of one node; a value outside the parameter's range or choices is refused. */
public record SetParam(String nodeId, String name, Object value) implements Edit {

    @Override
    public Graph applyTo(Graph graph, LayerCatalog catalog) throws EditRefusedException {
        Node node = graph.node(nodeId).orElseThrow(() -> new EditRefusedException("no node \"" + nodeId + "\""));
        LayerSpec spec = catalog.find(node.type())
                .orElseThrow(() -> new EditRefusedException(catalog.unknownTypeMessage(node.type())));
        return graph.withReplacedNode(node.withParam(name, check(spec, name, value)));
    }

    /** The value in its stored form, or a refusal naming the parameter and what it allows. */
    static Object check(LayerSpec spec, String name, Object value) throws EditRefusedException {
        ParamSpec p = spec.param(name).orElseThrow(() -> new EditRefusedException(
                spec.type() + " has no parameter \"" + name + "\""));
        try {
            return p.check(value);
        } catch (IllegalArgumentException e) {
            throw new EditRefusedException(name + " " + e.getMessage());
        }
    }

    @Override
    public String description() {
        return "set " + nodeId + "." + name;
    }
}
