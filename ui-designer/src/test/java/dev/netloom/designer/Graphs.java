package dev.netloom.designer;

import dev.netloom.graph.Edge;
import dev.netloom.graph.Graph;
import dev.netloom.graph.Node;
import dev.netloom.graph.Position;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Small graphs the designer tests share. */
public final class Graphs {

    private Graphs() {
    }

    /** Image → Conv2d → Dense → Classification: Dense refuses the image; the fix inserts Flatten. */
    public static Graph missingFlatten() {
        return new Graph(List.of(
                new Node("image", "Image", Map.of(), new Position(0, 0), "Digit"),
                new Node("conv1", "Conv2d", Map.of(), new Position(300, 0), ""),
                new Node("fc1", "Dense", Map.of(), new Position(600, 0), ""),
                new Node("answer", "Classification", Map.of(), new Position(900, 0), "")),
                List.of(Edge.of("image.out", "conv1.in"), Edge.of("conv1.out", "fc1.in"),
                        Edge.of("fc1.out", "answer.in")));
    }

    /** A valid chain of {@code n} layers: Image, Flatten, then Dense layers, then a head. */
    public static Graph chain(int n) {
        List<Node> nodes = new ArrayList<>();
        List<Edge> edges = new ArrayList<>();
        nodes.add(new Node("image", "Image", Map.of(), new Position(0, 0), ""));
        nodes.add(new Node("flat", "Flatten", Map.of(), new Position(300, 0), ""));
        edges.add(Edge.of("image.out", "flat.in"));
        String last = "flat";
        for (int i = 0; i < n - 3; i++) {
            String id = "fc" + i;
            nodes.add(new Node(id, "Dense", Map.of("units", 32), new Position(600 + 300 * (i % 20), 200 * (i / 20)), ""));
            edges.add(Edge.of(last + ".out", id + ".in"));
            last = id;
        }
        nodes.add(new Node("answer", "Classification", Map.of(), new Position(600, -200), ""));
        edges.add(Edge.of(last + ".out", "answer.in"));
        return new Graph(nodes, edges);
    }
}
