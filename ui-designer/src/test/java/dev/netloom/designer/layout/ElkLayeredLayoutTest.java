package dev.netloom.designer.layout;

import dev.netloom.designer.DesignerFixture;
import dev.netloom.designer.model.CardGeometry;
import dev.netloom.graph.Edge;
import dev.netloom.graph.Graph;
import dev.netloom.graph.Position;
import dev.netloom.graph.catalog.LayerCatalog;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** ELK runs on the plain class path and lays every template out left to right without overlaps. */
class ElkLayeredLayoutTest {

    @ParameterizedTest
    @ValueSource(strings = {"small-cnn", "mobilenet-v2", "text-classifier", "image-text-qa", "moe-transformer"})
    void everyEdgeRunsLeftToRightAndNoCardsOverlap(String template) {
        LayerCatalog catalog = LayerCatalog.standard();
        Graph graph = DesignerFixture.template(template);
        Map<String, Position> p = new ElkLayeredLayout(catalog).layout(graph);

        assertThat(p.keySet()).containsExactlyInAnyOrderElementsOf(graph.nodesById().keySet());
        for (Edge e : graph.edges()) {
            assertThat(p.get(e.from().nodeId()).x()).as(e.toString()).isLessThan(p.get(e.to().nodeId()).x());
        }
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
}
