package dev.netloom.designer.view;

import dev.netloom.graph.TensorKind;
import dev.netloom.graph.catalog.Category;
import javafx.css.PseudoClass;

import java.util.Locale;

/**
 * Style-class names and pseudo-classes of the designer, in one place. The stylesheet
 * ({@code designer.css}) uses only AtlantaFX's semantic colour tokens, so both themes work;
 * views use only these constants, never string literals.
 */
public final class DesignerStyle {

    /** The designer's stylesheet, to add to a scene or a parent. */
    public static final String STYLESHEET = DesignerStyle.class.getResource("/dev/netloom/designer/designer.css")
            .toExternalForm();

    public static final String DESIGNER = "graph-designer";
    public static final String CANVAS = "graph-canvas";
    public static final String NODE = "node-card";
    public static final String NODE_STRIPE = "node-stripe";
    public static final String NODE_TITLE = "node-title";
    public static final String NODE_TYPE = "node-type";
    public static final String NODE_ICON = "node-icon";
    public static final String NODE_SHAPE = "node-shape";
    public static final String NODE_PARAMS = "node-params";
    public static final String NODE_DIVIDER = "node-divider";
    public static final String PORT = "port";
    public static final String PORT_LABEL = "port-label";
    public static final String PROBLEM = "node-problem";
    public static final String PROBLEM_TEXT = "node-problem-text";
    public static final String FIX_BUTTON = "fix-button";
    public static final String EDGE = "edge";
    public static final String EDGE_LABEL = "edge-label";
    public static final String PREVIEW_EDGE = "preview-edge";
    public static final String RUBBER_BAND = "rubber-band";
    public static final String DRAG_REASON = "drag-reason";
    public static final String DRAG_GHOST = "drag-ghost";
    public static final String EMPTY_HINT = "empty-hint";
    public static final String ZOOM_BAR = "zoom-bar";
    public static final String PALETTE = "palette";
    public static final String PALETTE_ITEM = "palette-item";
    public static final String PALETTE_GROUP = "palette-group";
    public static final String PROPERTIES = "property-panel";
    public static final String PANEL_TITLE = "panel-title";
    public static final String PANEL_SUBTITLE = "panel-subtitle";
    public static final String REFUSAL = "refusal";
    /** The designer's one-line status: neutral text, {@link #REFUSAL} added while it reports a refusal. */
    public static final String STATUS_MESSAGE = "status-message";
    public static final String COST_BAR = "cost-bar";
    public static final String COST_VALUE = "cost-value";
    public static final String COST_CAPTION = "cost-caption";
    public static final String STATUS_OK = "status-ok";
    public static final String STATUS_ERROR = "status-error";
    public static final String MINIMAP = "minimap";
    /** The find-in-graph bar over the canvas. */
    public static final String FIND_BAR = "find-bar";
    public static final String SEARCH_TOGGLE = "search-toggle";
    public static final String SEARCH_ICON = "search-icon";
    public static final String SEARCH_RANGE = "search-range";
    public static final String SEARCH_FIELD = "search-field";
    public static final String SEARCH_CAPTION = "search-caption";
    public static final String SEARCH_MARKER = "search-marker";
    public static final String EXPAND_BUTTON = "expand-button";
    public static final String MOE_DETAIL = "moe-detail";
    public static final String MOE_PART = "moe-part";
    public static final String MOE_ROUTER = "moe-router";
    public static final String MOE_PART_TITLE = "moe-part-title";
    public static final String MOE_PART_TEXT = "moe-part-text";
    public static final String MOE_SUMMARY = "moe-summary";

    public static final PseudoClass SELECTED = PseudoClass.getPseudoClass("selected");
    public static final PseudoClass ERROR = PseudoClass.getPseudoClass("error");
    public static final PseudoClass ACCEPTING = PseudoClass.getPseudoClass("accepting");
    public static final PseudoClass REFUSING = PseudoClass.getPseudoClass("refusing");
    public static final PseudoClass CONNECTED = PseudoClass.getPseudoClass("connected");

    private DesignerStyle() {
    }

    /** "kind-image", "kind-token-ids", ...: colours a port or an edge by what it carries. */
    public static String kindClass(TensorKind kind) {
        return kind == null ? "kind-any" : "kind-" + kind.name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    /** "category-convolution", ...: colours a card's stripe by its palette group. */
    public static String categoryClass(Category category) {
        return "category-" + category.name().toLowerCase(Locale.ROOT).replace('_', '-');
    }
}
