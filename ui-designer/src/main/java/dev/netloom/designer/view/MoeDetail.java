package dev.netloom.designer.view;

import dev.netloom.designer.model.CardGeometry;
import dev.netloom.designer.model.MoeBreakdown;
import dev.netloom.graph.Units;
import javafx.geometry.Pos;
import javafx.scene.control.Label;
import javafx.scene.layout.Pane;
import javafx.scene.layout.Region;

/**
 * The inside of an expanded Mixture-of-Experts card: the router, one small card per expert (up to
 * {@link #SHOWN_EXPERTS}, then "+ N more"), and the parameters a token uses against all stored.
 * A view of one node only: it adds nothing to the graph. Laid out by numbers, like the card.
 */
final class MoeDetail extends Pane {

    /** Experts drawn one by one; a model with more shows the rest as a count. */
    static final int SHOWN_EXPERTS = 8;

    private static final double PAD = 12;
    private static final double GAP = 8;
    private static final double ROUTER_HEIGHT = 44;
    private static final double EXPERT_HEIGHT = 48;
    private static final double MORE_HEIGHT = 20;
    private static final double SUMMARY_HEIGHT = 34;
    private static final double EXPERT_WIDTH = (CardGeometry.WIDTH - 2 * PAD - GAP) / 2;

    private final double height;

    MoeDetail(String nodeId, MoeBreakdown b) {
        getStyleClass().add(DesignerStyle.MOE_DETAIL);
        setId("moe-detail-" + nodeId);
        setPickOnBounds(false);
        Region divider = new Region();
        divider.getStyleClass().add(DesignerStyle.NODE_DIVIDER);
        place(divider, 1, 0, CardGeometry.WIDTH - 2, 1);

        double y = PAD;
        Region router = part(DesignerStyle.MOE_ROUTER, PAD, y, CardGeometry.WIDTH - 2 * PAD, ROUTER_HEIGHT);
        router.setId("moe-router-" + nodeId);
        text(DesignerStyle.MOE_PART_TITLE, "Router", PAD + 10, y + 5, 80);
        text(DesignerStyle.MOE_PART_TEXT, params(b.routerParameters()), CardGeometry.WIDTH - PAD - 90, y + 5, 80)
                .setAlignment(Pos.CENTER_RIGHT);
        text(DesignerStyle.MOE_PART_TEXT, b.experts() + (b.experts() == 1 ? " expert" : " experts")
                + "  ·  top " + b.topK() + " per token", PAD + 10, y + 22, CardGeometry.WIDTH - 2 * PAD - 20);
        y += ROUTER_HEIGHT + GAP;

        int shown = Math.min(b.experts(), SHOWN_EXPERTS);
        for (int i = 0; i < shown; i++) {
            double x = PAD + (i % 2) * (EXPERT_WIDTH + GAP);
            double ey = y + (i / 2) * (EXPERT_HEIGHT + GAP);
            Region expert = part(DesignerStyle.MOE_PART, x, ey, EXPERT_WIDTH, EXPERT_HEIGHT);
            expert.setId("moe-expert-" + nodeId + "-" + (i + 1));
            text(DesignerStyle.MOE_PART_TITLE, "Expert " + (i + 1), x + 8, ey + 4, EXPERT_WIDTH - 16);
            text(DesignerStyle.MOE_PART_TEXT, b.hidden() + " · " + b.activation(), x + 8, ey + 20,
                    EXPERT_WIDTH - 16);
            // The per-expert weights live in the summary: 96 px cannot hold a third line legibly.
        }
        y += ((shown + 1) / 2) * (EXPERT_HEIGHT + GAP);
        if (b.experts() > shown) {
            text(DesignerStyle.MOE_PART_TEXT, "+ " + (b.experts() - shown) + " more experts", PAD, y - 2,
                    CardGeometry.WIDTH - 2 * PAD).setId("moe-more-" + nodeId);
            y += MORE_HEIGHT;
        }
        Label summary = text(DesignerStyle.MOE_SUMMARY, b.sized()
                        ? "Per token " + Units.count(b.activeParameters()) + " of " + Units.count(b.totalParameters())
                        + " params\n" + params(b.expertParameters()) + " per expert"
                        : "Sizes follow once the input's shape is known",
                PAD, y, CardGeometry.WIDTH - 2 * PAD);
        summary.setId("moe-summary-" + nodeId);
        summary.resize(CardGeometry.WIDTH - 2 * PAD, SUMMARY_HEIGHT);
        height = y + SUMMARY_HEIGHT + PAD / 2;
    }

    /** How tall the detail is, in canvas units. */
    double detailHeight() {
        return height;
    }

    private static String params(long n) {
        return n < 0 ? "" : Units.count(n) + " params";
    }

    private Region part(String style, double x, double y, double w, double h) {
        Region r = new Region();
        r.getStyleClass().add(style);
        place(r, x, y, w, h);
        return r;
    }

    private Label text(String style, String content, double x, double y, double w) {
        Label l = new Label(content);
        l.getStyleClass().add(style);
        place(l, x, y, w, 18);
        return l;
    }

    private void place(Region r, double x, double y, double w, double h) {
        r.setManaged(false);
        r.setMouseTransparent(true);
        r.resizeRelocate(x, y, w, h);
        getChildren().add(r);
    }
}
