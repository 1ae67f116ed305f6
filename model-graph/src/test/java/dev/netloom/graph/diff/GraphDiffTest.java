package dev.netloom.graph.diff;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.netloom.graph.Edge;
import dev.netloom.graph.Graph;
import dev.netloom.graph.Node;
import dev.netloom.graph.Position;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class GraphDiffTest {

    private static Graph before() {
        return new Graph(List.of(
                new Node("image", "Image", Map.of("height", 28), new Position(0, 0), ""),
                new Node("flat", "Flatten", Map.of(), new Position(0, 200), ""),
                new Node("drop", "Dropout", Map.of("rate", 0.1), new Position(0, 400), ""),
                new Node("answer", "Classification", Map.of("classes", 10), new Position(0, 600), "")),
                List.of(Edge.of("image.out", "flat.in"), Edge.of("flat.out", "drop.in"), Edge.of("drop.out", "answer.in")));
    }

    @Test
    void addedRemovedAndChangedNodesWithTheirParametersAndConnections() {
        Graph a = before();
        Graph b = a.withoutNode("drop")
                .withNode(new Node("fc", "Dense", Map.of("units", 64), new Position(0, 400), ""))
                .withEdge(Edge.of("flat.out", "fc.in")).withEdge(Edge.of("fc.out", "answer.in"))
                .withReplacedNode(a.requireNode("answer").withParam("classes", 4).withLabel("Digit"));

        GraphDiff d = GraphDiff.of(a, b);

        assertThat(d.added()).extracting(Node::id).containsExactly("fc");
        assertThat(d.removed()).extracting(Node::id).containsExactly("drop");
        assertThat(d.changed()).singleElement().satisfies(c -> {
            assertThat(c.id()).isEqualTo("answer");
            assertThat(c.values()).extracting(ValueChange::toString).containsExactly("label: (none) → Digit", "classes: 10 → 4");
        });
        assertThat(d.edgesAdded()).extracting(Edge::toString).containsExactly("flat.out -> fc.in", "fc.out -> answer.in");
        assertThat(d.edgesRemoved()).extracting(Edge::toString).containsExactly("flat.out -> drop.in", "drop.out -> answer.in");
        assertThat(d.summary()).isEqualTo("1 node added, 1 node removed, 1 node changed, 2 connections added, 2 connections removed");
        assertThat(d.lines()).contains("+ fc (Dense): units=64", "- drop (Dropout)", "~ answer (Classification): label: (none) → Digit, classes: 10 → 4");
    }

    @Test
    void movingCardsOrWritingAWholeNumberAsADecimalIsNoDifference() {
        Graph a = before();
        Graph b = a.withReplacedNode(a.requireNode("flat").withPosition(new Position(500, 5)))
                .withReplacedNode(a.requireNode("image").withParam("height", 28.0));
        assertThat(GraphDiff.of(a, b).isEmpty()).isTrue();
        assertThat(GraphDiff.of(a, b).summary()).isEqualTo("no differences");
    }

    @Test
    void jsonTreesAreComparedByDottedKey() throws Exception {
        ObjectMapper json = new ObjectMapper();
        var a = json.readTree("{\"epochs\": 10, \"augmentation\": {\"maxShift\": 0}, \"optimizer\": \"adam\"}");
        var b = json.readTree("{\"epochs\": 8, \"augmentation\": {\"maxShift\": 2}, \"optimizer\": \"adam\", \"threads\": 2}");
        assertThat(JsonDiff.differences(a, b)).extracting(ValueChange::toString)
                .containsExactly("augmentation.maxShift: 0 → 2", "epochs: 10 → 8", "threads: (none) → 2");
        assertThat(JsonDiff.of(a, b)).hasSize(4);
        assertThat(JsonDiff.differences(null, null)).isEmpty();
    }
}
