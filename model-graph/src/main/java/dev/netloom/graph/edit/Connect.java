package dev.netloom.graph.edit;

import dev.netloom.graph.Edge;
import dev.netloom.graph.Graph;
import dev.netloom.graph.analysis.GraphAnalyzer;
import dev.netloom.graph.catalog.LayerCatalog;

/**
 * Connects an output port to an input port. An input already fed by another edge is
 * re-connected (the old edge goes, in the same step), as in most node editors. The
 * {@link ConnectionRules} decide; the editor asks them while a drag hovers a port.
 */
public record Connect(Edge edge) implements Edit {

    @Override
    public Graph applyTo(Graph graph, LayerCatalog catalog) throws EditRefusedException {
        ConnectionRules rules = new ConnectionRules(new GraphAnalyzer(catalog).analyze(graph), catalog);
        String refusal = rules.check(edge.from(), edge.to()).orElse(null);
        if (refusal != null) {
            throw new EditRefusedException(refusal);
        }
        Graph g = graph;
        var existing = g.edgeInto(edge.to());
        if (existing.isPresent()) {
            g = g.withoutEdge(existing.get());
        }
        return g.withEdge(edge);
    }

    @Override
    public String description() {
        return "connect " + edge;
    }
}
