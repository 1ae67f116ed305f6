package dev.netloom.designer.view;

import dev.netloom.designer.DesignerFixture;
import dev.netloom.designer.Graphs;
import dev.netloom.graph.Direction;
import dev.netloom.graph.Graph;
import javafx.geometry.Point2D;
import javafx.scene.input.KeyCode;
import javafx.scene.input.MouseButton;
import javafx.stage.Stage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

import java.util.concurrent.atomic.AtomicReference;

import static org.assertj.core.api.Assertions.assertThat;

/** The designer driven with the mouse and keyboard, as a person would, in a headless window. */
@ExtendWith(ApplicationExtension.class)
class DesignerInteractionTest {

    private DesignerFixture fx;

    @Start
    void start(Stage stage) {
        fx = new DesignerFixture(stage, Graph.EMPTY, Runnable::run);
    }

    private GraphCanvas canvas() {
        return fx.designer.canvas();
    }

    /** A point of the canvas, in canvas units, on the screen. */
    private Point2D screen(double worldX, double worldY) {
        Point2D local = canvas().toLocal(worldX, worldY);
        return canvas().localToScreen(local);
    }

    private Point2D port(String nodeId, String port, Direction direction) {
        Point2D w = canvas().nodeSkin(nodeId).portCenter(port, direction);
        return screen(w.getX(), w.getY());
    }

    private void dragFromPalette(FxRobot robot, String type, double worldX, double worldY) {
        // Search first, as a person would for a layer further down the list.
        robot.interact(() -> robot.lookup("#palette-search").queryTextInputControl().setText(type));
        robot.drag("#palette-" + type, MouseButton.PRIMARY).moveTo(screen(worldX, worldY)).drop();
        WaitForAsyncUtils.waitForFxEvents();
    }

    private void connect(FxRobot robot, String from, String to) {
        String[] a = from.split("\\.");
        String[] b = to.split("\\.");
        robot.drag(port(a[0], a[1], Direction.OUT), MouseButton.PRIMARY)
                .moveTo(port(b[0], b[1], Direction.IN)).drop();
        WaitForAsyncUtils.waitForFxEvents();
    }

    @Test
    void buildASmallModelByDraggingFromThePaletteAndConnectingPorts(FxRobot robot) {
        dragFromPalette(robot, "Image", 124, 60);
        dragFromPalette(robot, "Flatten", 374, 60);
        dragFromPalette(robot, "Dense", 624, 60);
        dragFromPalette(robot, "Classification", 374, 300);
        assertThat(fx.model.graph().nodes()).extracting(n -> n.type())
                .containsExactly("Image", "Flatten", "Dense", "Classification");

        connect(robot, "image.out", "flatten.in");
        connect(robot, "flatten.out", "dense.in");
        connect(robot, "dense.out", "classification.in");

        assertThat(fx.model.graph().edges()).hasSize(3);
        assertThat(fx.model.analysis().isValid()).isTrue();
        assertThat(robot.lookup("#cost-status").queryLabeled().getText()).isEqualTo("Ready to train");
        assertThat(robot.lookup("#cost-parameters").queryLabeled().getText()).isEqualTo("101.8K");
        var edge = canvas().edgeSkin(fx.model.graph().edges().get(0));
        assertThat(edge.label().getText()).isEqualTo("[N, 1, 28, 28]");
    }

    @Test
    void anIncompatibleDropIsRefusedWithTheReasonAtTheCursor(FxRobot robot) {
        dragFromPalette(robot, "Image", 40, 60);
        dragFromPalette(robot, "Dense", 400, 60);
        AtomicReference<String> shownWhileHovering = new AtomicReference<>();

        robot.drag(port("image", "out", Direction.OUT), MouseButton.PRIMARY).moveTo(port("dense", "in", Direction.IN));
        WaitForAsyncUtils.waitForFxEvents();
        shownWhileHovering.set(canvas().gestures().dragReasonProperty().get());
        robot.drop();
        WaitForAsyncUtils.waitForFxEvents();

        assertThat(shownWhileHovering.get()).contains("Dense takes", "this output is image [N, 1, 28, 28]");
        assertThat(fx.model.graph().edges()).isEmpty();
        assertThat(robot.lookup("#designer-message").queryLabeled().getText()).isEqualTo(shownWhileHovering.get());
    }

    @Test
    void aShapeErrorIsShownBesideItsNodeAndTheFixButtonRepairsIt(FxRobot robot) throws Exception {
        WaitForAsyncUtils.asyncFx(() -> {
            fx.model.reset(Graphs.missingFlatten());
            canvas().fitToView();
        }).get();
        WaitForAsyncUtils.waitForFxEvents();
        NodeSkin fc1 = canvas().nodeSkin("fc1");
        assertThat(fc1.fixButton().isVisible()).isTrue();
        assertThat(fc1.fixButton().getText()).isEqualTo("Fix: insert Flatten");
        assertThat(robot.lookup("#cost-status").queryLabeled().getText()).isEqualTo("1 problem");

        robot.clickOn(fc1.fixButton());
        WaitForAsyncUtils.waitForFxEvents();

        assertThat(fx.model.analysis().isValid()).isTrue();
        assertThat(fx.model.graph().nodes()).extracting(n -> n.type()).contains("Flatten");
        assertThat(robot.lookup("#cost-status").queryLabeled().getText()).isEqualTo("Ready to train");

        robot.clickOn(canvas()).press(KeyCode.CONTROL, KeyCode.Z).release(KeyCode.Z, KeyCode.CONTROL);
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(fx.model.graph()).isEqualTo(Graphs.missingFlatten());

        robot.press(KeyCode.CONTROL, KeyCode.SHIFT, KeyCode.Z).release(KeyCode.Z, KeyCode.SHIFT, KeyCode.CONTROL);
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(fx.model.analysis().isValid()).isTrue();
    }

    @Test
    void draggingACardMovesItInOneUndoStep(FxRobot robot) throws Exception {
        WaitForAsyncUtils.asyncFx(() -> fx.model.reset(Graphs.missingFlatten())).get();
        WaitForAsyncUtils.waitForFxEvents();
        var before = fx.model.graph().requireNode("conv1").position();
        double z = canvas().zoomProperty().get();

        robot.drag(screen(before.x() + 100, before.y() + 20), MouseButton.PRIMARY)
                .moveBy(30, 10).moveBy(30, 10).moveBy(40, 20).drop();
        WaitForAsyncUtils.waitForFxEvents();

        var after = fx.model.graph().requireNode("conv1").position();
        assertThat(after.x() - before.x()).isCloseTo(100 / z, org.assertj.core.data.Offset.offset(2.0));
        assertThat(after.y() - before.y()).isCloseTo(40 / z, org.assertj.core.data.Offset.offset(2.0));
        assertThat(fx.model.undoTextProperty().get()).isEqualTo("Undo move conv1");
        WaitForAsyncUtils.asyncFx(() -> fx.model.undo()).get();
        assertThat(fx.model.graph().requireNode("conv1").position()).isEqualTo(before);
    }

    @Test
    void rubberBandSelectsThenDeleteAndDuplicateActOnTheSelection(FxRobot robot) throws Exception {
        WaitForAsyncUtils.asyncFx(() -> fx.model.reset(Graphs.missingFlatten())).get();
        WaitForAsyncUtils.waitForFxEvents();

        // A band around conv1 and fc1 only (cards at x 300 and 600, y 0).
        robot.drag(screen(262, 10), MouseButton.PRIMARY).moveTo(screen(700, 60)).drop();
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(fx.model.selection()).containsExactlyInAnyOrder("conv1", "fc1");

        robot.press(KeyCode.CONTROL, KeyCode.D).release(KeyCode.D, KeyCode.CONTROL);
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(fx.model.graph().nodes()).hasSize(6);
        assertThat(canvas().nodeSkinCount()).isEqualTo(6);

        robot.type(KeyCode.DELETE);
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(fx.model.graph()).isEqualTo(Graphs.missingFlatten());
        assertThat(canvas().nodeSkinCount()).isEqualTo(4);
    }

    @Test
    void anInvalidValueInThePropertySheetIsRefusedWithTheReason(FxRobot robot) throws Exception {
        WaitForAsyncUtils.asyncFx(() -> {
            fx.model.reset(Graphs.missingFlatten());
            fx.model.select("fc1");
        }).get();
        WaitForAsyncUtils.waitForFxEvents();
        var field = robot.lookup(".property-sheet .text-field").nth(1).queryTextInputControl();
        assertThat(field.getText()).isEqualTo("128");

        robot.doubleClickOn(field).eraseText(3).write("0").type(KeyCode.ENTER);
        WaitForAsyncUtils.waitForFxEvents();

        assertThat(robot.lookup("#property-refusal").queryLabeled().getText())
                .isEqualTo("Not applied: units must be an integer from 1 to 65536, got 0");
        assertThat(field.getText()).isEqualTo("128");
        assertThat(fx.model.graph().requireNode("fc1").params()).doesNotContainKey("units");

        robot.doubleClickOn(field).eraseText(3).write("64").type(KeyCode.ENTER);
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(fx.model.graph().requireNode("fc1").params()).containsEntry("units", 64);
        assertThat(fx.model.undoTextProperty().get()).isEqualTo("Undo set fc1.units");
    }

    @Test
    void ctrlFPutsTheCursorInThePaletteSearch(FxRobot robot) {
        robot.clickOn(canvas()).press(KeyCode.CONTROL, KeyCode.F).release(KeyCode.F, KeyCode.CONTROL);
        WaitForAsyncUtils.waitForFxEvents();
        robot.write("attention");
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(robot.lookup("#palette-search").queryTextInputControl().isFocused()).isTrue();
        assertThat(robot.lookup("#palette-MultiHeadSelfAttention").tryQuery()).isPresent();
        assertThat(robot.lookup("#palette-Conv2d").tryQuery()).isEmpty();
    }

    @Test
    void autoLayoutIsOneUndoStep(FxRobot robot) throws Exception {
        WaitForAsyncUtils.asyncFx(() -> fx.model.reset(DesignerFixture.template("image-text-qa"))).get();
        WaitForAsyncUtils.asyncFx(() -> fx.designer.autoLayout()).get().get();
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(fx.model.undoTextProperty().get()).startsWith("Undo move ");
        WaitForAsyncUtils.asyncFx(() -> fx.model.undo()).get();
        assertThat(fx.model.graph()).isEqualTo(DesignerFixture.template("image-text-qa"));
    }
}
