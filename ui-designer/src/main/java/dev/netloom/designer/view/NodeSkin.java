package dev.netloom.designer.view;

import dev.netloom.designer.model.CardGeometry;
import dev.netloom.designer.model.Flow;
import dev.netloom.designer.model.MoeBreakdown;
import dev.netloom.graph.Units;
import dev.netloom.graph.Direction;
import dev.netloom.graph.Node;
import dev.netloom.graph.TensorKind;
import dev.netloom.graph.TensorType;
import dev.netloom.graph.analysis.Fix;
import dev.netloom.graph.analysis.NodeReport;
import dev.netloom.graph.analysis.Problem;
import dev.netloom.graph.catalog.LayerSpec;
import dev.netloom.graph.catalog.PortSpec;
import dev.netloom.graph.layers.MixtureOfExperts;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.css.PseudoClass;
import javafx.geometry.BoundingBox;
import javafx.geometry.Bounds;
import javafx.geometry.Point2D;
import javafx.scene.Parent;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.Pane;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import javafx.scene.shape.Circle;
import org.kordamp.ikonli.javafx.FontIcon;
import org.kordamp.ikonli.materialdesign2.MaterialDesignC;
import org.kordamp.ikonli.materialdesign2.MaterialDesignT;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Consumer;

/**
 * The card that draws one node: stripe, icon, label, type, ports coloured by tensor kind,
 * output shape and parameter count, and, when the node has a problem, the message beside it
 * with a one-click fix. Geometry comes from {@link CardGeometry}; colours from the stylesheet.
 */
public final class NodeSkin {

    /** What a card shows; the card is redrawn only when this changes. */
    private record Shown(Node node, NodeReport report, List<Problem> problems, Map<String, TensorType> arriving) {
    }

    private final String nodeId;
    private final LayerSpec spec;
    private final Pane root = new Pane() {
        @Override
        protected void layoutChildren() {
            super.layoutChildren();
            // The problem box is unmanaged (it must not grow the card's bounds for hit tests);
            // size it here, once CSS and fonts are known.
            if (problemBox.isVisible()) {
                double w = CardGeometry.WIDTH + 40;
                if (flow.vertical()) {
                    // Beside the card: below it runs the edge to the next row.
                    problemBox.resizeRelocate(CardGeometry.WIDTH + 14, 0, w, problemBox.prefHeight(w));
                } else {
                    problemBox.resizeRelocate(0, cardHeight() + 10, w, problemBox.prefHeight(w));
                }
            }
        }
    };
    private final Region card = new Region();
    private final Label title = new Label();
    private final Label shape = new Label();
    private final Label params = new Label();
    private final VBox problemBox = new VBox(6);
    private final Label problemText = new Label();
    private final Button fixButton = new Button();
    private final Map<String, Circle> inputs = new LinkedHashMap<>();
    private final Map<String, Circle> outputs = new LinkedHashMap<>();
    private final ReadOnlyBooleanWrapper selected = new ReadOnlyBooleanWrapper(this, "selected");
    private final ReadOnlyBooleanWrapper expanded = new ReadOnlyBooleanWrapper(this, "expanded");
    private final FontIcon searchMarker = new FontIcon(MaterialDesignT.TUNE_VARIANT);
    private final Tooltip searchTip = new Tooltip();
    private final double height;
    private final Flow flow;
    private Button expandButton;
    private MoeDetail detail;
    private Shown shown;
    private Fix fix;

    /**
     * @param nodeId the node this card draws
     * @param spec its layer type
     * @param onFix called when the user clicks the fix button
     */
    public NodeSkin(String nodeId, LayerSpec spec, Consumer<Fix> onFix) {
        this(nodeId, spec, onFix, Flow.LEFT_TO_RIGHT);
    }

    /**
     * @param nodeId the node this card draws
     * @param spec its layer type
     * @param onFix called when the user clicks the fix button
     * @param flow which sides the port dots sit on
     */
    public NodeSkin(String nodeId, LayerSpec spec, Consumer<Fix> onFix, Flow flow) {
        this.nodeId = nodeId;
        this.spec = spec;
        this.flow = flow;
        this.height = CardGeometry.height(spec);
        root.setUserData(this);
        root.setPickOnBounds(false);

        card.getStyleClass().addAll(DesignerStyle.NODE, DesignerStyle.categoryClass(spec.category()));
        card.resizeRelocate(0, 0, CardGeometry.WIDTH, height);
        card.setManaged(false);

        Region stripe = new Region();
        stripe.getStyleClass().addAll(DesignerStyle.NODE_STRIPE, DesignerStyle.categoryClass(spec.category()));
        stripe.setManaged(false);
        stripe.resizeRelocate(0, 0, CardGeometry.WIDTH, 4);
        stripe.setMouseTransparent(true);

        var icon = LayerIcons.icon(spec.layerType(), 18, DesignerStyle.NODE_ICON,
                DesignerStyle.categoryClass(spec.category()));
        icon.setLayoutX(14);
        icon.setLayoutY(29);

        title.getStyleClass().add(DesignerStyle.NODE_TITLE);
        place(title, 40, 9, CardGeometry.WIDTH - 52, 20);
        Label type = new Label(spec.type());
        type.getStyleClass().add(DesignerStyle.NODE_TYPE);
        place(type, 40, 27, CardGeometry.WIDTH - 52, 16);

        Region divider = new Region();
        divider.getStyleClass().add(DesignerStyle.NODE_DIVIDER);
        divider.setManaged(false);
        divider.resizeRelocate(1, height - CardGeometry.FOOTER, CardGeometry.WIDTH - 2, 1);

        shape.getStyleClass().add(DesignerStyle.NODE_SHAPE);
        place(shape, 12, height - CardGeometry.FOOTER + 6, 112, 18);
        params.getStyleClass().add(DesignerStyle.NODE_PARAMS);
        place(params, CardGeometry.WIDTH - 104, height - CardGeometry.FOOTER + 6, 92, 18);
        params.setAlignment(javafx.geometry.Pos.CENTER_RIGHT);

        root.getChildren().addAll(card, stripe, icon, title, type, divider, shape, params);
        addPorts(spec.inputs(), Direction.IN, inputs);
        addPorts(spec.outputs(), Direction.OUT, outputs);

        problemBox.getStyleClass().add(DesignerStyle.PROBLEM);
        problemBox.setManaged(false);
        problemBox.setVisible(false);
        problemText.getStyleClass().add(DesignerStyle.PROBLEM_TEXT);
        problemText.setWrapText(true);
        problemText.setMinHeight(javafx.scene.layout.Region.USE_PREF_SIZE);
        fixButton.getStyleClass().add(DesignerStyle.FIX_BUTTON);
        fixButton.setOnAction(e -> {
            if (fix != null) {
                onFix.accept(fix);
            }
        });
        problemBox.getChildren().addAll(problemText, fixButton);
        root.getChildren().add(problemBox);

        selected.addListener((obs, was, is) -> card.pseudoClassStateChanged(DesignerStyle.SELECTED, is));

        searchMarker.getStyleClass().add(DesignerStyle.SEARCH_MARKER);
        searchMarker.setId("search-marker-" + nodeId);
        searchMarker.setVisible(false);
        searchMarker.setManaged(false);
        Tooltip.install(searchMarker, searchTip);
        root.getChildren().add(searchMarker);
        if (spec instanceof MixtureOfExperts) {
            addExpandButton();
        }
        // Title and type make room for the marker and the expand button on the right.
        double right = (expandButton != null ? 34 : 0) + 22;
        title.resize(CardGeometry.WIDTH - 40 - right, 20);
        type.resize(CardGeometry.WIDTH - 40 - right, 16);
        searchMarker.relocate(CardGeometry.WIDTH - right - 2, 11);
    }

    private void addExpandButton() {
        expandButton = new Button(null, new FontIcon(MaterialDesignC.CHEVRON_DOWN));
        expandButton.getStyleClass().addAll("flat", "button-icon", DesignerStyle.EXPAND_BUTTON);
        expandButton.setId("expand-" + nodeId);
        expandButton.setFocusTraversable(false);
        expandButton.setTooltip(new Tooltip("Show the router and the experts inside this layer"));
        expandButton.setManaged(false);
        expandButton.resizeRelocate(CardGeometry.WIDTH - 38, 8, 30, 30);
        expandButton.setOnAction(e -> setExpanded(!expanded.get()));
        root.getChildren().add(expandButton);
    }

    /** Whether the card shows what is inside its layer (Mixture-of-Experts cards only). */
    public ReadOnlyBooleanProperty expandedProperty() {
        return expanded.getReadOnlyProperty();
    }

    /** The expand control, or null for layers that have nothing inside to show. */
    public Button expandButton() {
        return expandButton;
    }

    /**
     * Shows or hides the router and experts of a Mixture-of-Experts card. A view of the one node:
     * the graph does not change and nothing is added to the undo history.
     */
    public void setExpanded(boolean value) {
        if (expandButton == null || expanded.get() == value) {
            return;
        }
        expanded.set(value);
        ((FontIcon) expandButton.getGraphic()).setIconCode(value ? MaterialDesignC.CHEVRON_UP
                : MaterialDesignC.CHEVRON_DOWN);
        expandButton.getTooltip().setText(value ? "Hide the router and the experts"
                : "Show the router and the experts inside this layer");
        showDetail();
        root.toFront(); // an open card is drawn over its neighbours
    }

    private void showDetail() {
        if (detail != null) {
            root.getChildren().remove(detail);
            detail = null;
        }
        if (expanded.get() && shown != null) {
            detail = new MoeDetail(nodeId, MoeBreakdown.of(shown.node(), spec, shown.report()));
            detail.relocate(0, height);
            root.getChildren().add(root.getChildren().indexOf(problemBox), detail);
        }
        card.resize(CardGeometry.WIDTH, cardHeight());
        root.requestLayout();
    }

    /** The card's height now: its own, plus what an expanded card shows inside. */
    private double cardHeight() {
        return height + (detail == null ? 0 : detail.detailHeight());
    }

    /**
     * Marks the card when some of its parameters are searchable.
     *
     * @param params the searchable parameters' names; empty hides the marker
     */
    public void showSearchable(List<String> params) {
        searchMarker.setVisible(!params.isEmpty());
        searchTip.setText("Searched: " + String.join(", ", params));
    }

    /** Whether the card shows the searchable marker. */
    public boolean showsSearchable() {
        return searchMarker.isVisible();
    }

    private void place(Label label, double x, double y, double w, double h) {
        label.setManaged(false);
        label.resizeRelocate(x, y, w, h);
        label.setMouseTransparent(true);
    }

    private void addPorts(List<PortSpec> ports, Direction direction, Map<String, Circle> into) {
        boolean named = spec.inputs().size() > 1 || spec.outputs().size() > 1;
        for (PortSpec p : ports) {
            CardGeometry.Point at = CardGeometry.port(spec, p.name(), direction, flow);
            double y = at.y();
            Circle dot = new Circle(at.x(), y, CardGeometry.PORT_RADIUS);
            dot.getStyleClass().addAll(DesignerStyle.PORT, DesignerStyle.kindClass(singleKind(p)));
            dot.setUserData(p);
            Tooltip.install(dot, new Tooltip(p.name() + ": " + p.description() + " ("
                    + String.join(" or ", p.accepts().stream().sorted().map(TensorKind::displayName).toList()) + ")"));
            into.put(p.name(), dot);
            root.getChildren().add(dot);
            if (named) {
                Label l = new Label(p.name());
                l.getStyleClass().add(DesignerStyle.PORT_LABEL);
                if (flow.vertical()) {
                    // Under the top dots or above the bottom ones, inside the card's middle band.
                    double w = Math.min(80, CardGeometry.WIDTH / ports.size() - 4);
                    double ly = direction == Direction.IN ? CardGeometry.HEADER : height - CardGeometry.FOOTER - 16;
                    place(l, at.x() - w / 2, ly, w, 16);
                    l.setAlignment(javafx.geometry.Pos.CENTER);
                } else {
                    double w = 80;
                    place(l, direction == Direction.IN ? 12 : CardGeometry.WIDTH - 12 - w, y - 8, w, 16);
                    l.setAlignment(direction == Direction.IN ? javafx.geometry.Pos.CENTER_LEFT
                            : javafx.geometry.Pos.CENTER_RIGHT);
                }
                root.getChildren().add(l);
            }
        }
    }

    private static TensorKind singleKind(PortSpec p) {
        return p.accepts().size() == 1 ? p.accepts().iterator().next() : null;
    }

    public String nodeId() {
        return nodeId;
    }

    public LayerSpec spec() {
        return spec;
    }

    /** The skin's scene-graph root, placed in canvas units. */
    public Parent getRoot() {
        return root;
    }

    public ReadOnlyBooleanProperty selectedProperty() {
        return selected.getReadOnlyProperty();
    }

    void setSelected(boolean value) {
        selected.set(value);
    }

    /**
     * Shows a node's state. Cheap when nothing changed, so the canvas may call it for every node
     * after every edit.
     *
     * @param arriving the type arriving at each connected input, by port name
     * @return whether the card moved (its edges need re-routing)
     */
    public boolean update(Node node, NodeReport report, List<Problem> problems, Map<String, TensorType> arriving) {
        Shown next = new Shown(node, report, problems, arriving);
        boolean moved = x() != node.position().x() || y() != node.position().y();
        moveTo(node.position().x(), node.position().y());
        if (next.equals(shown)) {
            return moved;
        }
        shown = next;
        title.setText(node.displayName());
        if (report != null && report.out() != null) {
            shape.setText(report.out().toString());
            params.setText(Units.count(report.cost().parameters()) + " params");
        } else {
            shape.setText(spec.outputs().isEmpty() ? "" : "shape unknown");
            params.setText("");
        }
        inputs.forEach((name, dot) -> {
            TensorType t = arriving.get(name);
            setKind(dot, t != null ? t.kind() : singleKind((PortSpec) dot.getUserData()));
            dot.pseudoClassStateChanged(DesignerStyle.CONNECTED, t != null);
        });
        outputs.forEach((name, dot) -> {
            TensorType t = report == null ? null : report.outputs().get(name);
            setKind(dot, t != null ? t.kind() : singleKind((PortSpec) dot.getUserData()));
        });
        Problem first = problems.isEmpty() ? null : problems.get(0);
        card.pseudoClassStateChanged(DesignerStyle.ERROR, first != null);
        problemBox.setVisible(first != null);
        if (expanded.get()) {
            showDetail();
        }
        if (first != null) {
            String more = problems.size() > 1 ? "  (+" + (problems.size() - 1) + " more)" : "";
            problemText.setText((first.port() == null ? "" : first.port() + ": ") + first.message() + more);
            fix = first.fix().orElse(null);
            fixButton.setVisible(fix != null);
            fixButton.setManaged(fix != null);
            fixButton.setText(fix == null ? "" : "Fix: insert " + fix.insertType());
            fixButton.setTooltip(fix == null ? null : new Tooltip(fix.description()));
            problemText.setPrefWidth(CardGeometry.WIDTH + 20);
            root.requestLayout();
        } else {
            fix = null;
        }
        return moved;
    }

    /** Changes the kind class only when it differs: a style-class change costs a CSS pass. */
    private static void setKind(Circle dot, TensorKind kind) {
        String wanted = DesignerStyle.kindClass(kind);
        if (dot.getStyleClass().contains(wanted)) {
            return;
        }
        dot.getStyleClass().removeIf(c -> c.startsWith("kind-"));
        dot.getStyleClass().add(wanted);
    }

    /** The fix the card offers, if any. */
    public Fix fix() {
        return fix;
    }

    /** The fix button (tests and keyboard users reach it here). */
    public Label titleLabel() {
        return title;
    }

    /** The fix button (hidden when there is no fix). */
    public Button fixButton() {
        return fixButton;
    }

    /** Places the card's top-left corner at a canvas position (during a drag, before the model moves). */
    public void moveTo(double x, double y) {
        root.relocate(x, y);
        root.setLayoutX(x);
        root.setLayoutY(y);
    }

    public double x() {
        return root.getLayoutX();
    }

    public double y() {
        return root.getLayoutY();
    }

    public double height() {
        return height;
    }

    /** The card's rectangle in canvas units (the problem message is not part of it). */
    public Bounds cardBounds() {
        return new BoundingBox(x(), y(), CardGeometry.WIDTH, cardHeight());
    }

    /** The centre of a port in canvas units. */
    public Point2D portCenter(String port, Direction direction) {
        CardGeometry.Point at = CardGeometry.port(spec, port, direction, flow);
        return new Point2D(x() + at.x(), y() + at.y());
    }

    /** The port whose dot is within {@code radius} of a canvas point, if any. */
    public PortHit portAt(double cx, double cy, double radius) {
        PortHit best = null;
        double bestDistance = radius;
        for (Direction d : Direction.values()) {
            for (String name : (d == Direction.IN ? inputs : outputs).keySet()) {
                double distance = portCenter(name, d).distance(cx, cy);
                if (distance <= bestDistance) {
                    bestDistance = distance;
                    best = new PortHit(nodeId, name, d);
                }
            }
        }
        return best;
    }

    /** Marks a port while a connection drag hovers it; null clears. */
    void highlightPort(String port, Direction direction, PseudoClass state) {
        Circle dot = (direction == Direction.IN ? inputs : outputs).get(port);
        if (dot == null) {
            return;
        }
        dot.pseudoClassStateChanged(DesignerStyle.ACCEPTING, state == DesignerStyle.ACCEPTING);
        dot.pseudoClassStateChanged(DesignerStyle.REFUSING, state == DesignerStyle.REFUSING);
    }

    /** The dot of a port, for tests that press on it. */
    public Circle portDot(String port, Direction direction) {
        return Objects.requireNonNull((direction == Direction.IN ? inputs : outputs).get(port), port);
    }

    /** Releases what the skin holds; it is not used again. */
    public void dispose() {
        fixButton.setOnAction(null);
        if (expandButton != null) {
            expandButton.setOnAction(null);
        }
        root.getChildren().clear();
    }
}
