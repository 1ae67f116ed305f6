package dev.netloom.designer.view;

import dev.netloom.designer.DesignerFixture;
import dev.netloom.designer.Graphs;
import dev.netloom.designer.layout.ElkLayeredLayout;
import dev.netloom.designer.model.Flow;
import dev.netloom.designer.model.Placement;
import dev.netloom.graph.Edge;
import dev.netloom.graph.Graph;
import dev.netloom.graph.Node;
import javafx.geometry.Bounds;
import javafx.geometry.Point2D;
import javafx.scene.input.KeyCode;
import javafx.stage.Stage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The graph reads at fit: a template drawn top to bottom fits at a zoom where titles are
 * readable, a graph too big for that is shown from its start at the minimum instead of shrunk to
 * a hairline, a fix opens room for its card, and Find selects and centres a node.
 */
@ExtendWith(ApplicationExtension.class)
class ReadableLayoutTest {

    private DesignerFixture fx;

    @Start
    void start(Stage stage) {
        fx = new DesignerFixture(stage, Graph.EMPTY, Runnable::run);
    }

    private GraphCanvas canvas() {
        return fx.designer.canvas();
    }

    private void show(Graph graph) throws Exception {
        WaitForAsyncUtils.asyncFx(() -> {
            fx.model.reset(graph);
            canvas().fitToView();
        }).get();
        WaitForAsyncUtils.waitForFxEvents();
    }

    private static Graph topToBottom(Graph g) {
        return new ElkLayeredLayout(DesignerFixture.CATALOG).laidOut(g, Flow.TOP_TO_BOTTOM);
    }

    @Test
    void mobileNetV2DrawnTopToBottomFitsWithReadableTitles() throws Exception {
        Graph graph = topToBottom(DesignerFixture.template("mobilenet-v2"));
        assertThat(Flow.of(graph)).isEqualTo(Flow.TOP_TO_BOTTOM);
        show(graph);

        double zoom = canvas().zoomProperty().get();
        assertThat(zoom).isGreaterThanOrEqualTo(GraphCanvas.MIN_FIT_SCALE);
        assertThat(fx.model.flow()).isEqualTo(Flow.TOP_TO_BOTTOM);
        // A title is drawn at least 13 px × zoom tall on screen: at 45 %, 5.9 px.
        NodeSkin first = canvas().nodeSkin(graph.nodes().get(0).id());
        Bounds title = first.titleLabel().localToScreen(first.titleLabel().getBoundsInLocal());
        assertThat(title.getHeight()).isGreaterThanOrEqualTo(20 * GraphCanvas.MIN_FIT_SCALE - 0.5);
        // Where data enters is on screen.
        Bounds view = canvas().localToScreen(canvas().getBoundsInLocal());
        Point2D input = canvas().localToScreen(canvas().toLocal(
                first.cardBounds().getCenterX(), first.cardBounds().getMinY()));
        assertThat(view.contains(input)).as("the input card is in view").isTrue();
        // Every edge runs downwards and its ends sit on the top and bottom edges of their cards.
        for (Edge e : graph.edges()) {
            Point2D out = canvas().nodeSkin(e.from().nodeId()).portCenter(e.from().port(), dev.netloom.graph.Direction.OUT);
            Point2D in = canvas().nodeSkin(e.to().nodeId()).portCenter(e.to().port(), dev.netloom.graph.Direction.IN);
            assertThat(out.getY()).as(e.toString()).isLessThan(in.getY());
        }
        assertThat(new Placement(DesignerFixture.CATALOG).noOverlaps(graph, everyNodeWhereItIs(graph))).isTrue();
    }

    @Test
    void aGraphTooBigForTheViewIsShownFromItsStartAtTheMinimumZoom() throws Exception {
        Graph graph = topToBottom(Graphs.chain(300));
        show(graph);
        assertThat(canvas().zoomProperty().get()).isEqualTo(GraphCanvas.MIN_FIT_SCALE);
        NodeSkin image = canvas().nodeSkin("image");
        Point2D top = canvas().toLocal(image.cardBounds().getCenterX(), image.cardBounds().getMinY());
        assertThat(canvas().getLayoutBounds().contains(top)).as("the input card is in view").isTrue();
    }

    @Test
    void aFixOpensRoomForItsCardAndOneUndoTakesItBack(FxRobot robot) throws Exception {
        Graph graph = topToBottom(Graphs.missingFlatten());
        show(graph);
        NodeSkin fc1 = canvas().nodeSkin("fc1");
        robot.clickOn(fc1.fixButton());
        WaitForAsyncUtils.waitForFxEvents();

        Graph fixed = fx.model.graph();
        Node flatten = fixed.nodes().stream().filter(n -> n.type().equals("Flatten")).findFirst().orElseThrow();
        assertThat(fx.model.analysis().isValid()).isTrue();
        assertThat(new Placement(DesignerFixture.CATALOG).noOverlaps(fixed, everyNodeWhereItIs(fixed)))
                .as("no card covers another after the fix").isTrue();
        // The new card sits between its neighbours along the flow.
        assertThat(flatten.position().y()).isGreaterThan(fixed.requireNode("conv1").position().y());
        assertThat(flatten.position().y()).isLessThan(fixed.requireNode("fc1").position().y());
        assertThat(robot.lookup("#designer-message").queryLabeled().getStyleClass()).doesNotContain(DesignerStyle.REFUSAL);

        WaitForAsyncUtils.asyncFx(() -> fx.model.undo()).get();
        assertThat(fx.model.graph()).isEqualTo(graph);
    }

    @Test
    void pasteAndDropLandOnFreeSpace() throws Exception {
        Graph graph = topToBottom(Graphs.missingFlatten());
        show(graph);
        WaitForAsyncUtils.asyncFx(() -> {
            fx.model.selectAll(List.of("conv1", "fc1"));
            fx.model.copySelection();
            fx.model.paste();
            fx.model.addLayer("Dense", graph.requireNode("image").position());
        }).get();
        Graph after = fx.model.graph();
        assertThat(after.nodes()).hasSize(7);
        assertThat(new Placement(DesignerFixture.CATALOG).noOverlaps(after, everyNodeWhereItIs(after))).isTrue();
    }

    @Test
    void findSelectsAndCentresANodeByIdLabelOrType(FxRobot robot) throws Exception {
        show(topToBottom(Graphs.chain(40)));
        robot.clickOn(canvas()).press(KeyCode.CONTROL, KeyCode.SHIFT, KeyCode.F).release(KeyCode.F, KeyCode.SHIFT, KeyCode.CONTROL);
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(robot.lookup("#find-node-field").queryTextInputControl().isFocused()).isTrue();
        robot.write("fc30");
        WaitForAsyncUtils.waitForFxEvents();

        assertThat(fx.model.selection()).containsExactly("fc30");
        Point2D centre = canvas().toLocal(canvas().nodeSkin("fc30").cardBounds().getCenterX(),
                canvas().nodeSkin("fc30").cardBounds().getCenterY());
        assertThat(centre.getX()).isCloseTo(canvas().getWidth() / 2, org.assertj.core.data.Offset.offset(1.0));
        assertThat(centre.getY()).isCloseTo(canvas().getHeight() / 2, org.assertj.core.data.Offset.offset(1.0));

        robot.interact(() -> robot.lookup("#find-node-field").queryTextInputControl().setText("classification"));
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(fx.model.selection()).containsExactly("answer");
        assertThat(robot.lookup("#find-node-count").queryLabeled().getText()).isEqualTo("1 of 1");
    }

    private static Map<String, dev.netloom.graph.Position> everyNodeWhereItIs(Graph g) {
        Map<String, dev.netloom.graph.Position> m = new java.util.HashMap<>();
        g.nodes().forEach(n -> m.put(n.id(), n.position()));
        return m;
    }
}
