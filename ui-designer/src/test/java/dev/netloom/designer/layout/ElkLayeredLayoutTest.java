package dev.netloom.designer.layout;

import dev.netloom.designer.DesignerFixture;
import dev.netloom.designer.model.CardGeometry;
import dev.netloom.designer.model.Flow;
import dev.netloom.graph.Edge;
import dev.netloom.graph.Graph;
import dev.netloom.graph.Position;
import dev.netloom.graph.catalog.LayerCatalog;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** ELK runs on the plain class path and lays every template out, either way round, without overlaps. */
class ElkLayeredLayoutTest {

    @ParameterizedTest
    @ValueSource(strings = {"small-cnn", "mobilenet-v2", "text-classifier", "image-text-qa", "moe-transformer"})
    void everyEdgeRunsLeftToRightAndNoCardsOverlap(String template) {
        LayerCatalog catalog = LayerCatalog.standard();
        Graph graph = DesignerFixture.template(template);
        Map<String, Position> p = new ElkLayeredLayout(catalog).layout(graph, Flow.LEFT_TO_RIGHT);

        assertThat(p.keySet()).containsExactlyInAnyOrderElementsOf(graph.nodesById().keySet());
        for (Edge e : graph.edges()) {
            assertThat(p.get(e.from().nodeId()).x()).as(e.toString()).isLessThan(p.get(e.to().nodeId()).x());
        }
        assertNoOverlaps(catalog, graph, p);
    }

    @ParameterizedTest
    @ValueSource(strings = {"small-cnn", "mobilenet-v2", "text-classifier", "image-text-qa", "moe-transformer"})
    void everyEdgeRunsDownwardsAndNoCardsOverlap(String template) {
        LayerCatalog catalog = LayerCatalog.standard();
        Graph graph = DesignerFixture.template(template);
        Map<String, Position> p = new ElkLayeredLayout(catalog).layout(graph, Flow.TOP_TO_BOTTOM);

        assertThat(p.keySet()).containsExactlyInAnyOrderElementsOf(graph.nodesById().keySet());
        for (Edge e : graph.edges()) {
            assertThat(p.get(e.from().nodeId()).y()).as(e.toString()).isLessThan(p.get(e.to().nodeId()).y());
        }
        assertNoOverlaps(catalog, graph, p);
        Graph drawn = new ElkLayeredLayout(catalog).laidOut(graph, Flow.TOP_TO_BOTTOM);
        assertThat(Flow.of(drawn)).isEqualTo(Flow.TOP_TO_BOTTOM);
    }

    private static void assertNoOverlaps(LayerCatalog catalog, Graph graph, Map<String, Position> p) {
        List<String> ids = new ArrayList<>(p.keySet());
        for (int i = 0; i < ids.size(); i++) {
            for (int j = i + 1; j < ids.size(); j++) {
                Position a = p.get(ids.get(i));
                Position b = p.get(ids.get(j));
                double ha = CardGeometry.height(catalog.require(graph.requireNode(ids.get(i)).type()));
                double hb = CardGeometry.height(catalog.require(graph.requireNode(ids.get(j)).type()));
                boolean apart = a.x() + CardGeometry.WIDTH <= b.x() || b.x() + CardGeometry.WIDTH <= a.x()
                        || a.y() + ha <= b.y() || b.y() + hb <= a.y();
                assertThat(apart).as(ids.get(i) + " and " + ids.get(j) + " overlap").isTrue();
            }
        }
    }

    @Test
    void eachInputOfAMultimodalGraphHasItsOwnBandOfY() {
        LayerCatalog catalog = LayerCatalog.standard();
        Graph graph = DesignerFixture.template("image-text-qa");
        Lanes lanes = Lanes.of(graph, catalog);
        assertThat(lanes.byInput().get("image")).contains("image", "conv1", "pool2", "img_pool").doesNotContain("look");
        assertThat(lanes.byInput().get("question")).containsExactly("question", "question_embed",
                "question_positions", "question_encoder");

        Map<String, Position> p = new ElkLayeredLayout(catalog).layout(graph, Flow.LEFT_TO_RIGHT);

        double[] image = band(p, graph, catalog, lanes.byInput().get("image"));
        double[] question = band(p, graph, catalog, lanes.byInput().get("question"));
        boolean apart = image[1] <= question[0] || question[1] <= image[0];
        assertThat(apart).as("image band %s and question band %s", java.util.Arrays.toString(image),
                java.util.Arrays.toString(question)).isTrue();
        // Inside its lane a branch still reads left to right.
        for (List<String> lane : lanes.byInput().values()) {
            for (Edge e : graph.edges()) {
                if (lane.contains(e.from().nodeId()) && lane.contains(e.to().nodeId())) {
                    assertThat(p.get(e.from().nodeId()).x()).isLessThan(p.get(e.to().nodeId()).x());
                }
            }
        }
        // Where the branches join comes after both.
        double joinX = p.get("look").x();
        assertThat(p.get("question_encoder").x()).isLessThan(joinX);
        assertThat(p.get("pool2").x()).isLessThan(joinX);
    }

    @Test
    void drawnTopToBottomEachInputHasItsOwnColumn() {
        LayerCatalog catalog = LayerCatalog.standard();
        Graph graph = DesignerFixture.template("image-text-qa");
        Lanes lanes = Lanes.of(graph, catalog);
        Map<String, Position> p = new ElkLayeredLayout(catalog).layout(graph, Flow.TOP_TO_BOTTOM);
        double[] image = columns(p, lanes.byInput().get("image"));
        double[] question = columns(p, lanes.byInput().get("question"));
        boolean apart = image[1] <= question[0] || question[1] <= image[0];
        assertThat(apart).as("image column %s and question column %s", java.util.Arrays.toString(image),
                java.util.Arrays.toString(question)).isTrue();
        assertThat(p.get("question_encoder").y()).isLessThan(p.get("look").y());
        assertThat(p.get("pool2").y()).isLessThan(p.get("look").y());
    }

    @Test
    void theTemplatesAsShippedReadLeftToRight() {
        assertThat(Flow.of(DesignerFixture.template("mobilenet-v2"))).isEqualTo(Flow.LEFT_TO_RIGHT);
        assertThat(Flow.of(Graph.EMPTY)).isEqualTo(Flow.TOP_TO_BOTTOM);
    }

    private static double[] columns(Map<String, Position> p, List<String> ids) {
        double min = Double.MAX_VALUE;
        double max = -Double.MAX_VALUE;
        for (String id : ids) {
            min = Math.min(min, p.get(id).x());
            max = Math.max(max, p.get(id).x() + CardGeometry.WIDTH);
        }
        return new double[] {min, max};
    }

    @Test
    void aGraphWithOneInputHasNoLanes() {
        assertThat(Lanes.of(DesignerFixture.template("small-cnn"), LayerCatalog.standard()).multimodal()).isFalse();
    }

    /** The smallest and largest y the cards of some nodes cover. */
    private static double[] band(Map<String, Position> p, Graph graph, LayerCatalog catalog, List<String> ids) {
        double min = Double.MAX_VALUE;
        double max = -Double.MAX_VALUE;
        for (String id : ids) {
            double h = CardGeometry.height(catalog.require(graph.requireNode(id).type()));
            min = Math.min(min, p.get(id).y());
            max = Math.max(max, p.get(id).y() + h);
        }
        return new double[] {min, max};
    }
}
