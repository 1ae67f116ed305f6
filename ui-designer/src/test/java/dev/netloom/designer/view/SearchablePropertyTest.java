package dev.netloom.designer.view;

import dev.netloom.designer.DesignerFixture;
import dev.netloom.graph.Edge;
import dev.netloom.graph.Graph;
import dev.netloom.graph.Node;
import dev.netloom.graph.Position;
import dev.netloom.graph.search.Range;
import javafx.scene.control.TextField;
import javafx.scene.control.ToggleButton;
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

/** A person marks a parameter searchable in the property sheet, edits its range, and undoes. */
@ExtendWith(ApplicationExtension.class)
class SearchablePropertyTest {

    private DesignerFixture fx;

    @Start
    void start(Stage stage) {
        Graph g = new Graph(List.of(
                new Node("image", "Image", Map.of(), new Position(0, 0), ""),
                new Node("flat", "Flatten", Map.of(), new Position(280, 0), ""),
                new Node("fc1", "Dense", Map.of("units", 128), new Position(560, 0), ""),
                new Node("act", "Activation", Map.of(), new Position(840, 0), ""),
                new Node("answer", "Classification", Map.of(), new Position(1120, 0), "")),
                List.of(Edge.of("image.out", "flat.in"), Edge.of("flat.out", "fc1.in"), Edge.of("fc1.out", "act.in"),
                        Edge.of("act.out", "answer.in")));
        fx = new DesignerFixture(stage, g, Runnable::run);
        fx.model.select("fc1");
    }

    private NodeSkin card(String id) {
        return fx.designer.canvas().nodeSkin(id);
    }

    @Test
    void tickSearchEditTheRangeAndUndo(FxRobot robot) {
        assertThat(robot.lookup("#search-range-units").tryQuery()).map(n -> n.isVisible()).contains(false);
        assertThat(card("fc1").showsSearchable()).isFalse();

        robot.clickOn("#search-units");
        WaitForAsyncUtils.waitForFxEvents();

        assertThat(fx.model.searchRange("fc1", "units")).contains(new Range.IntRange(64, 256, 1, true));
        assertThat(robot.lookup("#search-units").queryAs(ToggleButton.class).isSelected()).isTrue();
        assertThat(robot.lookup("#search-range-units").query().isVisible()).isTrue();
        assertThat(robot.lookup("#search-low-units").queryTextInputControl().getText()).isEqualTo("64");
        assertThat(robot.lookup("#search-high-units").queryTextInputControl().getText()).isEqualTo("256");
        assertThat(card("fc1").showsSearchable()).isTrue();

        // Beyond what the parameter allows: refused with the reason, the range stays.
        enter(robot, "#search-high-units", "100000");
        assertThat(robot.lookup("#property-refusal").queryLabeled().getText())
                .isEqualTo("Not applied: high: 100000 is above units' maximum 65536");
        assertThat(fx.model.searchRange("fc1", "units")).contains(new Range.IntRange(64, 256, 1, true));
        assertThat(robot.lookup("#search-high-units").queryTextInputControl().getText()).isEqualTo("256");

        enter(robot, "#search-high-units", "512");
        assertThat(fx.model.searchRange("fc1", "units")).contains(new Range.IntRange(64, 512, 1, true));
        assertThat(robot.lookup("#property-refusal").query().isVisible()).isFalse();

        robot.interact(fx.model::undo);
        assertThat(fx.model.searchRange("fc1", "units")).contains(new Range.IntRange(64, 256, 1, true));
        assertThat(robot.lookup("#search-high-units").queryTextInputControl().getText()).isEqualTo("256");

        robot.interact(fx.model::undo);
        assertThat(fx.model.search().isEmpty()).isTrue();
        assertThat(robot.lookup("#search-units").queryAs(ToggleButton.class).isSelected()).isFalse();
        assertThat(robot.lookup("#search-range-units").query().isVisible()).isFalse();
        assertThat(card("fc1").showsSearchable()).isFalse();

        robot.interact(fx.model::redo);
        assertThat(robot.lookup("#search-units").queryAs(ToggleButton.class).isSelected()).isTrue();
        assertThat(card("fc1").showsSearchable()).isTrue();
    }

    @Test
    void wordsAreSearchedOverTheTickedChoices(FxRobot robot) {
        robot.interact(() -> fx.model.select("act"));
        robot.clickOn("#search-function");
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(((Range.Choices) fx.model.searchRange("act", "function").orElseThrow()).values())
                .containsExactlyElementsOf(dev.netloom.graph.layers.Activation.FUNCTIONS);

        robot.clickOn("#search-choice-function-Softmax");
        robot.clickOn("#search-choice-function-Sigmoid");
        WaitForAsyncUtils.waitForFxEvents();

        assertThat(fx.model.searchRange("act", "function")).contains(
                new Range.Choices(List.of("ReLU", "ReLU6", "LeakyReLU", "GELU", "SiLU", "Hardswish", "Hardsigmoid", "Tanh")));
        robot.interact(fx.model::undo);
        assertThat(robot.lookup("#search-choice-function-Sigmoid").queryAs(javafx.scene.control.CheckBox.class)
                .isSelected()).isTrue();
    }

    private void enter(FxRobot robot, String id, String text) {
        TextField f = robot.lookup(id).queryAs(TextField.class);
        robot.interact(() -> {
            f.requestFocus();
            f.setText(text);
            f.fireEvent(new javafx.event.ActionEvent());
        });
        WaitForAsyncUtils.waitForFxEvents();
    }
}
