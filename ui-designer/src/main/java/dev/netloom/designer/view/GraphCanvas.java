package dev.netloom.designer.view;

import dev.netloom.designer.model.CardGeometry;
import dev.netloom.designer.model.DesignerModel;
import dev.netloom.graph.Direction;
import dev.netloom.graph.Edge;
import dev.netloom.graph.Node;
import dev.netloom.graph.Position;
import dev.netloom.graph.TensorType;
import dev.netloom.graph.analysis.GraphAnalysis;
import dev.netloom.graph.analysis.Problem;
import dev.netloom.graph.catalog.LayerCatalog;
import dev.netloom.graph.catalog.LayerSpec;
import dev.netloom.graph.search.SearchTarget;
import dev.netloom.graph.search.SearchableParameter;
import javafx.beans.property.DoubleProperty;
import javafx.beans.property.SimpleDoubleProperty;
import javafx.collections.SetChangeListener;
import javafx.geometry.Bounds;
import javafx.geometry.Point2D;
import javafx.scene.Group;
import javafx.scene.canvas.Canvas;
import javafx.scene.canvas.GraphicsContext;
import javafx.scene.control.Label;
import javafx.scene.layout.Pane;
import javafx.scene.layout.Region;
import javafx.scene.paint.Color;
import javafx.scene.shape.Rectangle;
import javafx.scene.transform.Scale;
import javafx.scene.transform.Translate;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The drawing surface: a grid, the edges and the node cards of the current analysis, zoom and
 * pan. It follows the model: after each change it reconciles one skin per node and per edge
 * (made by a {@link SkinFactory}) and redraws only cards whose state changed. Gestures live in
 * {@link CanvasGestures}.
 */
public final class GraphCanvas extends Region {

    /** The zoom range: at 0.1 a 300-layer model fits; above 2 the view shows little. */
    public static final double MIN_SCALE = 0.1;
    /**
     * Fit to view never zooms out further than this: at 45 % a card's 13 px title is still about
     * 6 px tall and readable. A graph too big for the view at this zoom is shown from where data
     * enters, and the rest is a scroll away (the wheel pans; Ctrl+wheel zooms, down to {@link #MIN_SCALE}).
     */
    public static final double MIN_FIT_SCALE = 0.45;
    public static final double MAX_SCALE = 2.0;
    private static final double GRID = 24;

    private final DesignerModel model;
    private final LayerCatalog catalog;
    private final SkinFactory factory;
    private final Canvas grid = new Canvas();
    private final Group world = new Group();
    private final Group edgeLayer = new Group();
    private final Group nodeLayer = new Group();
    private final Group previewLayer = new Group();
    private final Pane overlay = new Pane();
    private final Label emptyHint = new Label("Drag a layer from the palette onto the canvas,\n"
            + "or start from a template with File › New project.");
    private final Translate translate = new Translate();
    private final Scale scale = new Scale(1, 1, 0, 0);
    private final DoubleProperty zoom = new SimpleDoubleProperty(this, "zoom", 1);
    private final javafx.beans.property.ReadOnlyIntegerWrapper viewChanges =
            new javafx.beans.property.ReadOnlyIntegerWrapper(this, "viewChanges");
    private final Map<String, NodeSkin> nodeSkins = new LinkedHashMap<>();
    private final Map<Edge, EdgeSkin> edgeSkins = new LinkedHashMap<>();
    private final Map<String, List<EdgeSkin>> edgesByNode = new HashMap<>();
    private final CanvasGestures gestures;

    public GraphCanvas(DesignerModel model, SkinFactory factory) {
        this.model = model;
        this.catalog = model.document().catalog();
        this.factory = factory;
        getStyleClass().add(DesignerStyle.CANVAS);
        setFocusTraversable(true);

        world.getTransforms().addAll(translate, scale);
        // Unmanaged: a card moving must not ask the canvas to lay itself out again.
        world.setManaged(false);
        world.setAutoSizeChildren(false);
        nodeLayer.setAutoSizeChildren(false);
        edgeLayer.setAutoSizeChildren(false);
        world.getChildren().addAll(edgeLayer, nodeLayer, previewLayer);
        overlay.setPickOnBounds(false);
        emptyHint.getStyleClass().add(DesignerStyle.EMPTY_HINT);
        emptyHint.setMouseTransparent(true);
        getChildren().addAll(grid, world, overlay, emptyHint);

        Rectangle clip = new Rectangle();
        clip.widthProperty().bind(widthProperty());
        clip.heightProperty().bind(heightProperty());
        setClip(clip);

        zoom.addListener((obs, old, z) -> {
            scale.setX(z.doubleValue());
            scale.setY(z.doubleValue());
            drawGrid();
        });
        translate.xProperty().addListener(o -> drawGrid());
        translate.yProperty().addListener(o -> drawGrid());

        model.analysisProperty().addListener((obs, old, a) -> render(a));
        model.flowProperty().addListener((obs, old, f) -> redrawAll());
        model.searchProperty().addListener((obs, old, space) -> showSearchable());
        model.selection().addListener((SetChangeListener<String>) c -> {
            if (c.wasRemoved() && nodeSkins.containsKey(c.getElementRemoved())) {
                nodeSkins.get(c.getElementRemoved()).setSelected(false);
            }
            if (c.wasAdded() && nodeSkins.containsKey(c.getElementAdded())) {
                nodeSkins.get(c.getElementAdded()).setSelected(true);
            }
        });
        gestures = new CanvasGestures(this, model);
        render(model.analysis());
    }

    @Override
    protected void layoutChildren() {
        if (grid.getWidth() != getWidth() || grid.getHeight() != getHeight()) {
            grid.setWidth(getWidth());
            grid.setHeight(getHeight());
            drawGrid();
        }
        overlay.resizeRelocate(0, 0, getWidth(), getHeight());
        emptyHint.autosize();
        emptyHint.relocate((getWidth() - emptyHint.getWidth()) / 2, (getHeight() - emptyHint.getHeight()) / 2);
    }

    // ---- rendering ----

    /** Draws every card and edge anew (the flow changed: the dots move to other sides). */
    private void redrawAll() {
        nodeSkins.values().forEach(s -> {
            nodeLayer.getChildren().remove(s.getRoot());
            s.dispose();
        });
        nodeSkins.clear();
        edgeSkins.values().forEach(s -> {
            edgeLayer.getChildren().remove(s.getRoot());
            s.dispose();
        });
        edgeSkins.clear();
        render(model.analysis());
    }

    /** Reconciles the skins with an analysis: one pass over nodes, one over edges. */
    void render(GraphAnalysis analysis) {
        Map<String, List<Problem>> problems = new HashMap<>();
        for (Problem p : analysis.problems()) {
            if (p.nodeId() != null) {
                problems.computeIfAbsent(p.nodeId(), k -> new ArrayList<>()).add(p);
            }
        }
        Map<String, Map<String, TensorType>> arriving = new HashMap<>();
        for (Edge e : analysis.graph().edges()) {
            analysis.typeAt(e.from()).ifPresent(t ->
                    arriving.computeIfAbsent(e.to().nodeId(), k -> new HashMap<>()).put(e.to().port(), t));
        }
        Set<String> present = new HashSet<>();
        Set<String> moved = new HashSet<>();
        List<javafx.scene.Node> added = new ArrayList<>();
        for (Node node : analysis.graph().nodes()) {
            present.add(node.id());
            LayerSpec spec = catalog.find(node.type()).orElse(null);
            if (spec == null) {
                continue; // files with unknown types are refused on open; nothing to draw
            }
            NodeSkin skin = nodeSkins.get(node.id());
            if (skin != null && skin.spec() != spec) {
                nodeLayer.getChildren().remove(skin.getRoot());
                skin.dispose();
                skin = null;
            }
            if (skin == null) {
                skin = factory.createNodeSkin(node.id(), spec, model::applyFix, model.flow());
                nodeSkins.put(node.id(), skin);
                added.add(skin.getRoot());
                skin.setSelected(model.selection().contains(node.id()));
                moved.add(node.id());
            }
            if (skin.update(node, analysis.report(node.id()).orElse(null), problems.getOrDefault(node.id(), List.of()),
                    arriving.getOrDefault(node.id(), Map.of()))) {
                moved.add(node.id());
            }
        }
        nodeLayer.getChildren().addAll(added);
        nodeSkins.entrySet().removeIf(e -> {
            if (!present.contains(e.getKey())) {
                nodeLayer.getChildren().remove(e.getValue().getRoot());
                e.getValue().dispose();
                return true;
            }
            return false;
        });

        Set<Edge> edges = new HashSet<>(analysis.graph().edges());
        edgeSkins.entrySet().removeIf(e -> {
            if (!edges.contains(e.getKey())) {
                edgeLayer.getChildren().remove(e.getValue().getRoot());
                e.getValue().dispose();
                return true;
            }
            return false;
        });
        edgesByNode.clear();
        List<javafx.scene.Node> addedEdges = new ArrayList<>();
        List<EdgeSkin> toRoute = new ArrayList<>();
        for (Edge e : analysis.graph().edges()) {
            EdgeSkin skin = edgeSkins.get(e);
            if (skin == null) {
                skin = factory.createEdgeSkin(e);
                edgeSkins.put(e, skin);
                addedEdges.add(skin.getRoot());
                toRoute.add(skin);
            } else if (moved.contains(e.from().nodeId()) || moved.contains(e.to().nodeId())) {
                toRoute.add(skin);
            }
            boolean refused = problems.getOrDefault(e.to().nodeId(), List.of()).stream()
                    .anyMatch(p -> e.to().port().equals(p.port()) && p.fix().isPresent());
            skin.update(analysis.typeAt(e.from()).orElse(null), refused);
            edgesByNode.computeIfAbsent(e.from().nodeId(), k -> new ArrayList<>()).add(skin);
            edgesByNode.computeIfAbsent(e.to().nodeId(), k -> new ArrayList<>()).add(skin);
        }
        edgeLayer.getChildren().addAll(addedEdges);
        toRoute.forEach(this::route); // only edges whose ends moved, or that are new
        emptyHint.setVisible(analysis.graph().nodes().isEmpty());
        showSearchable();
        viewChanges.set(viewChanges.get() + 1);
    }

    /** Marks the cards of nodes with searchable parameters. */
    private void showSearchable() {
        Map<String, List<String>> byNode = new HashMap<>();
        for (SearchableParameter p : model.search().parameters()) {
            if (p.target() instanceof SearchTarget.NodeParameter n) {
                byNode.computeIfAbsent(n.nodeId(), k -> new ArrayList<>()).add(n.name());
            }
        }
        nodeSkins.forEach((id, skin) -> skin.showSearchable(byNode.getOrDefault(id, List.of())));
    }

    private void route(EdgeSkin skin) {
        NodeSkin from = nodeSkins.get(skin.edge().from().nodeId());
        NodeSkin to = nodeSkins.get(skin.edge().to().nodeId());
        if (from != null && to != null) {
            skin.route(from.portCenter(skin.edge().from().port(), Direction.OUT),
                    to.portCenter(skin.edge().to().port(), Direction.IN), this::underACard, model.flow());
        }
    }

    /** Whether a rectangle in canvas units overlaps a card (edge labels there would be half hidden). */
    private boolean underACard(Bounds r) {
        for (NodeSkin s : nodeSkins.values()) {
            if (s.cardBounds().intersects(r)) {
                return true;
            }
        }
        return false;
    }

    /** Re-routes the edges touching these nodes (while they are dragged). */
    void rerouteEdgesOf(Set<String> nodeIds) {
        Set<EdgeSkin> touched = new HashSet<>();
        for (String id : nodeIds) {
            touched.addAll(edgesByNode.getOrDefault(id, List.of()));
        }
        touched.forEach(this::route);
    }

    private void drawGrid() {
        viewChanges.set(viewChanges.get() + 1);
        GraphicsContext g = grid.getGraphicsContext2D();
        double w = grid.getWidth();
        double h = grid.getHeight();
        g.clearRect(0, 0, w, h);
        double step = GRID * zoom.get();
        if (step < 6) {
            return; // too dense to help
        }
        Color dot = (Color) lookupGridColor();
        g.setFill(dot);
        double ox = ((translate.getX() % step) + step) % step;
        double oy = ((translate.getY() % step) + step) % step;
        double r = Math.max(1, 1.4 * Math.min(1, zoom.get()));
        for (double x = ox; x < w; x += step) {
            for (double y = oy; y < h; y += step) {
                g.fillRect(x, y, r, r);
            }
        }
    }

    /** The grid dots' colour follows the theme: a light text colour at low opacity. */
    private javafx.scene.paint.Paint lookupGridColor() {
        Color text = getStyleClass().contains("dark-grid") ? Color.WHITE : Color.BLACK;
        return Color.color(text.getRed(), text.getGreen(), text.getBlue(), 0.16);
    }

    /** Uses light dots on a dark background; the theme switch calls it. */
    public void setDarkGrid(boolean dark) {
        if (dark) {
            if (!getStyleClass().contains("dark-grid")) {
                getStyleClass().add("dark-grid");
            }
        } else {
            getStyleClass().remove("dark-grid");
        }
        drawGrid();
    }

    // ---- viewport ----

    /** Counts changes of the visible area (zoom, pan, resize); the minimap follows it. */
    public javafx.beans.property.ReadOnlyIntegerProperty viewChangesProperty() {
        return viewChanges.getReadOnlyProperty();
    }

    /** The zoom factor (1 = 100 %). */
    public DoubleProperty zoomProperty() {
        return zoom;
    }

    /** A point of this region (local coordinates) in canvas units. */
    public Point2D toWorld(double localX, double localY) {
        return new Point2D((localX - translate.getX()) / zoom.get(), (localY - translate.getY()) / zoom.get());
    }

    /** A canvas point in this region's local coordinates. */
    public Point2D toLocal(double worldX, double worldY) {
        return new Point2D(worldX * zoom.get() + translate.getX(), worldY * zoom.get() + translate.getY());
    }

    /** Zooms by {@code factor} keeping the local point {@code (x, y)} still. */
    public void zoomAt(double factor, double x, double y) {
        double next = Math.max(MIN_SCALE, Math.min(MAX_SCALE, zoom.get() * factor));
        Point2D w = toWorld(x, y);
        zoom.set(next);
        translate.setX(x - w.getX() * next);
        translate.setY(y - w.getY() * next);
    }

    public void panBy(double dx, double dy) {
        translate.setX(translate.getX() + dx);
        translate.setY(translate.getY() + dy);
    }

    /** Shows the canvas point {@code (worldX, worldY)} in the middle of the view at the given zoom. */
    public void centreOn(double worldX, double worldY, double newZoom) {
        zoom.set(Math.max(MIN_SCALE, Math.min(MAX_SCALE, newZoom)));
        translate.setX(getWidth() / 2 - worldX * zoom.get());
        translate.setY(getHeight() / 2 - worldY * zoom.get());
    }

    /**
     * Shows every node, centred, at no more than 100 % and no less than {@link #MIN_FIT_SCALE}.
     * A graph that does not fit at that zoom is shown from its start (the top when it reads top to
     * bottom, the left otherwise), centred across the flow when it fits that way.
     */
    public void fitToView() {
        Bounds b = contentBounds();
        double w = getWidth() > 0 ? getWidth() : getPrefWidth();
        double h = getHeight() > 0 ? getHeight() : getPrefHeight();
        if (b == null || w <= 0 || h <= 0) {
            zoom.set(1);
            translate.setX(40);
            translate.setY(40);
            return;
        }
        double margin = 48;
        double z = Math.min(1.0, Math.min((w - 2 * margin) / b.getWidth(), (h - 2 * margin) / b.getHeight()));
        z = Math.max(MIN_FIT_SCALE, z);
        zoom.set(z);
        double freeX = w - b.getWidth() * z;
        double freeY = h - b.getHeight() * z;
        // Where the graph is wider or taller than the view, its start (top or left edge) shows.
        translate.setX((freeX >= 0 ? freeX / 2 : margin) - b.getMinX() * z);
        translate.setY((freeY >= 0 ? freeY / 2 : margin) - b.getMinY() * z);
    }

    /** The rectangle around every card, in canvas units; null when there are none. */
    public Bounds contentBounds() {
        double minX = Double.MAX_VALUE;
        double minY = Double.MAX_VALUE;
        double maxX = -Double.MAX_VALUE;
        double maxY = -Double.MAX_VALUE;
        for (NodeSkin s : nodeSkins.values()) {
            Bounds c = s.cardBounds();
            minX = Math.min(minX, c.getMinX());
            minY = Math.min(minY, c.getMinY());
            // Leave room for a problem message under the card (beside it when the drawing reads top to bottom).
            boolean message = s.fix() != null || hasProblem(s);
            boolean vertical = model.flow().vertical();
            maxX = Math.max(maxX, c.getMaxX() + (message && vertical ? CardGeometry.WIDTH + 54 : 0));
            maxY = Math.max(maxY, c.getMaxY() + (message && !vertical ? 70 : 0));
        }
        return nodeSkins.isEmpty() ? null : new javafx.geometry.BoundingBox(minX, minY, maxX - minX, maxY - minY);
    }

    private boolean hasProblem(NodeSkin s) {
        return !model.analysis().problemsAt(s.nodeId()).isEmpty();
    }

    // ---- dropping layers from the palette ----

    /**
     * Adds a layer where the pointer is, if the scene point is over this canvas. The card is
     * centred horizontally on the pointer.
     *
     * @return true when the point was over the canvas (whether or not the edit applied)
     */
    public boolean dropLayer(String type, double sceneX, double sceneY) {
        Point2D local = sceneToLocal(sceneX, sceneY);
        if (local == null || !getLayoutBounds().contains(local)) {
            return false;
        }
        Point2D w = toWorld(local.getX(), local.getY());
        double x = Math.round((w.getX() - CardGeometry.WIDTH / 2) / 4) * 4.0;
        double y = Math.round((w.getY() - 20) / 4) * 4.0;
        model.addLayer(type, new Position(x, y));
        requestFocus();
        return true;
    }

    /** Adds a layer in the middle of what is visible (double-click or Enter in the palette). */
    public void addLayerAtCentre(String type) {
        Point2D w = toWorld(getWidth() / 2, getHeight() / 2);
        int n = model.graph().nodes().size();
        model.addLayer(type, new Position(Math.round(w.getX() - CardGeometry.WIDTH / 2 + (n % 5) * 12),
                Math.round(w.getY() - 40 + (n % 5) * 12)));
    }

    // ---- for gestures and tests ----

    /** Every drawn card by node id (read it, do not change it). */
    public Map<String, NodeSkin> nodeSkinMap() {
        return nodeSkins;
    }

    Group previewLayer() {
        return previewLayer;
    }

    Pane overlay() {
        return overlay;
    }

    /** Selects a node and brings its card to the middle of the view, at a readable zoom. */
    public void reveal(String nodeId) {
        NodeSkin s = nodeSkins.get(nodeId);
        if (s == null) {
            return;
        }
        model.select(nodeId);
        Bounds b = s.cardBounds();
        centreOn(b.getCenterX(), b.getCenterY(), Math.max(zoom.get(), 0.8));
    }

    /** The card of a node, if drawn. */
    public NodeSkin nodeSkin(String nodeId) {
        return nodeSkins.get(nodeId);
    }

    /** The curve of an edge, if drawn. */
    public EdgeSkin edgeSkin(Edge edge) {
        return edgeSkins.get(edge);
    }

    /** How many cards are drawn. */
    public int nodeSkinCount() {
        return nodeSkins.size();
    }

    /** The connection-drag state, for the reason label tests look at. */
    public CanvasGestures gestures() {
        return gestures;
    }
}
