package dev.netloom.designer;

import dev.netloom.graph.Edge;
import dev.netloom.graph.Graph;
import dev.netloom.graph.Node;
import dev.netloom.graph.Position;
import javafx.stage.Stage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** Temporary: renders the designer to look at it. */
@ExtendWith(ApplicationExtension.class)
class DesignerLookTest {

    DesignerFixture fx;

    @Start
    void start(Stage stage) {
        fx = new DesignerFixture(stage, DesignerFixture.template("image-text-qa"), Runnable::run);
    }

    @Test
    void look() throws Exception {
        WaitForAsyncUtils.asyncFx(() -> fx.designer.autoLayout()).get().get();
        WaitForAsyncUtils.waitForFxEvents();
        WaitForAsyncUtils.asyncFx(() -> DesignerFixture.snapshot(fx.designer, Path.of("target/look.png"))).get();
        Graph broken = new Graph(List.of(
                new Node("image", "Image", Map.of(), new Position(0, 0), "Digit"),
                new Node("conv1", "Conv2d", Map.of(), new Position(300, 0), ""),
                new Node("fc1", "Dense", Map.of(), new Position(600, 0), ""),
                new Node("answer", "Classification", Map.of(), new Position(900, 0), "")),
                List.of(Edge.of("image.out", "conv1.in"), Edge.of("conv1.out", "fc1.in"), Edge.of("fc1.out", "answer.in")));
        WaitForAsyncUtils.asyncFx(() -> {
            fx.model.reset(broken);
            fx.model.select("fc1");
            fx.designer.fitToView();
        }).get();
        WaitForAsyncUtils.waitForFxEvents();
        WaitForAsyncUtils.asyncFx(() -> DesignerFixture.snapshot(fx.designer, Path.of("target/look2.png"))).get();
        assertThat(fx.designer.canvas().nodeSkinCount()).isEqualTo(4);
    }
}
