package dev.netloom.designer.view;

import dev.netloom.designer.DesignerFixture;
import dev.netloom.graph.Units;
import dev.netloom.graph.Graph;
import dev.netloom.graph.Node;
import javafx.stage.Stage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

import static org.assertj.core.api.Assertions.assertThat;

/** A Mixture-of-Experts card opens in place to show its router and experts, and closes again. */
@ExtendWith(ApplicationExtension.class)
class MoeExpandTest {

    private DesignerFixture fx;
    private Node moe;

    @Start
    void start(Stage stage) {
        Graph g = DesignerFixture.template("moe-transformer");
        fx = new DesignerFixture(stage, g, Runnable::run);
        moe = g.nodes().stream().filter(n -> n.type().equals("MoE")).findFirst().orElseThrow();
        fx.designer.canvas().centreOn(moe.position().x() + 112, moe.position().y() + 150, 1.0);
    }

    @Test
    void expandShowsTheRouterAndEveryExpertWithoutChangingTheModel(FxRobot robot) {
        Graph before = fx.model.graph();
        NodeSkin card = fx.designer.canvas().nodeSkin(moe.id());
        double collapsed = card.cardBounds().getHeight();
        int experts = (Integer) moe.params().get("experts");
        int topK = (Integer) moe.params().get("topK");
        assertThat(robot.lookup("#moe-detail-" + moe.id()).tryQuery()).isEmpty();

        robot.clickOn("#expand-" + moe.id());
        WaitForAsyncUtils.waitForFxEvents();

        assertThat(card.expandedProperty().get()).isTrue();
        assertThat(card.cardBounds().getHeight()).isGreaterThan(collapsed + 100);
        assertThat(robot.lookup("#moe-router-" + moe.id()).tryQuery()).isPresent();
        for (int i = 1; i <= experts; i++) {
            assertThat(robot.lookup("#moe-expert-" + moe.id() + "-" + i).tryQuery()).as("expert " + i).isPresent();
        }
        assertThat(robot.lookup("#moe-expert-" + moe.id() + "-" + (experts + 1)).tryQuery()).isEmpty();
        var cost = fx.model.analysis().report(moe.id()).orElseThrow().cost();
        assertThat(robot.lookup("#moe-summary-" + moe.id()).queryLabeled().getText())
                .startsWith("Per token " + Units.count(cost.activeParameters()) + " of "
                        + Units.count(cost.parameters()) + " params");
        assertThat(robot.lookup(".moe-part-text").queryAllAs(javafx.scene.control.Label.class))
                .anySatisfy(l -> assertThat(l.getText()).contains("top " + topK + " per token"));
        assertThat(fx.model.graph()).isSameAs(before);
        assertThat(fx.model.canUndoProperty().get()).isFalse();

        robot.clickOn("#expand-" + moe.id());
        WaitForAsyncUtils.waitForFxEvents();

        assertThat(card.expandedProperty().get()).isFalse();
        assertThat(card.cardBounds().getHeight()).isEqualTo(collapsed);
        assertThat(robot.lookup("#moe-detail-" + moe.id()).tryQuery()).isEmpty();
        assertThat(fx.model.graph()).isSameAs(before);
    }

    @Test
    void anExpandedCardFollowsEditsOfItsNode(FxRobot robot) {
        robot.clickOn("#expand-" + moe.id());
        robot.interact(() -> fx.model.setParam(moe.id(), "experts", 12));
        WaitForAsyncUtils.waitForFxEvents();

        assertThat(robot.lookup("#moe-expert-" + moe.id() + "-8").tryQuery()).isPresent();
        assertThat(robot.lookup("#moe-expert-" + moe.id() + "-9").tryQuery()).isEmpty();
        assertThat(robot.lookup("#moe-more-" + moe.id()).queryLabeled().getText()).isEqualTo("+ 4 more experts");
    }
}
