package dev.netloom.designer.view;

import dev.netloom.designer.model.DesignerModel;
import dev.netloom.graph.Direction;
import dev.netloom.graph.PortRef;
import dev.netloom.graph.Position;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.geometry.BoundingBox;
import javafx.geometry.Bounds;
import javafx.geometry.Point2D;
import javafx.scene.Node;
import javafx.scene.control.ButtonBase;
import javafx.scene.control.Label;
import javafx.scene.input.MouseButton;
import javafx.scene.input.MouseEvent;
import javafx.scene.input.ScrollEvent;
import javafx.scene.shape.CubicCurve;
import javafx.scene.shape.Rectangle;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * What the mouse does on the canvas: drag a port to connect (the connection rules are asked
 * while hovering, and a refusal is shown at the cursor), drag cards to move them (one undo
 * step on release), drag the background to select with a rubber band, right- or middle-drag
 * to pan, and the wheel to zoom.
 */
public final class CanvasGestures {

    /** How close, in screen pixels, the pointer must be to a port's dot to grab or hit it. */
    static final double PORT_REACH = 12;

    private enum Mode { NONE, CONNECT, MOVE, BAND, PAN }

    private final GraphCanvas canvas;
    private final DesignerModel model;
    private final CubicCurve preview = new CubicCurve();
    private final Rectangle band = new Rectangle();
    private final Label reason = new Label();
    private final ReadOnlyStringWrapper dragReason = new ReadOnlyStringWrapper(this, "dragReason", "");
    private Mode mode = Mode.NONE;
    private double pressX;
    private double pressY;
    private double lastX;
    private double lastY;
    private PortHit anchor;
    private PortHit hovered;
    private final Map<String, Point2D> moveStart = new HashMap<>();
    private boolean moved;

    CanvasGestures(GraphCanvas canvas, DesignerModel model) {
        this.canvas = canvas;
        this.model = model;
        preview.getStyleClass().add(DesignerStyle.PREVIEW_EDGE);
        preview.setFill(null);
        preview.setVisible(false);
        preview.setMouseTransparent(true);
        canvas.previewLayer().getChildren().add(preview);
        band.getStyleClass().add(DesignerStyle.RUBBER_BAND);
        band.setVisible(false);
        band.setMouseTransparent(true);
        reason.getStyleClass().add(DesignerStyle.DRAG_REASON);
        reason.setVisible(false);
        reason.setMouseTransparent(true);
        reason.setWrapText(true);
        reason.setMaxWidth(360);
        canvas.overlay().getChildren().addAll(band, reason);

        canvas.addEventHandler(MouseEvent.MOUSE_PRESSED, this::pressed);
        canvas.addEventHandler(MouseEvent.MOUSE_DRAGGED, this::dragged);
        canvas.addEventHandler(MouseEvent.MOUSE_RELEASED, this::released);
        canvas.addEventHandler(ScrollEvent.SCROLL, this::scrolled);
    }

    /** While a connection drag hovers a port that refuses it: the reason shown at the cursor. */
    public ReadOnlyStringProperty dragReasonProperty() {
        return dragReason.getReadOnlyProperty();
    }

    private static boolean onButton(MouseEvent e) {
        for (Node n = e.getTarget() instanceof Node t ? t : null; n != null; n = n.getParent()) {
            if (n instanceof ButtonBase) {
                return true;
            }
        }
        return false;
    }

    private void pressed(MouseEvent e) {
        if (onButton(e)) {
            return;
        }
        canvas.requestFocus();
        pressX = lastX = e.getX();
        pressY = lastY = e.getY();
        moved = false;
        if (e.getButton() == MouseButton.SECONDARY || e.getButton() == MouseButton.MIDDLE) {
            mode = Mode.PAN;
            e.consume();
            return;
        }
        if (e.getButton() != MouseButton.PRIMARY) {
            return;
        }
        Point2D w = canvas.toWorld(e.getX(), e.getY());
        PortHit port = portNear(w, null);
        if (port != null) {
            startConnect(port);
        } else {
            NodeSkin card = cardAt(w);
            if (card != null) {
                startMove(card, e.isShiftDown() || e.isShortcutDown());
            } else {
                mode = Mode.BAND;
            }
        }
        e.consume();
    }

    private void dragged(MouseEvent e) {
        double dx = e.getX() - lastX;
        double dy = e.getY() - lastY;
        lastX = e.getX();
        lastY = e.getY();
        moved |= Math.abs(e.getX() - pressX) + Math.abs(e.getY() - pressY) > 2;
        switch (mode) {
            case PAN -> canvas.panBy(dx, dy);
            case CONNECT -> dragConnect(e);
            case MOVE -> dragMove();
            case BAND -> dragBand(e);
            default -> {
                return;
            }
        }
        e.consume();
    }

    private void released(MouseEvent e) {
        switch (mode) {
            case CONNECT -> endConnect();
            case MOVE -> endMove();
            case BAND -> endBand(e.isShiftDown() || e.isShortcutDown());
            default -> {
            }
        }
        mode = Mode.NONE;
        e.consume();
    }

    /** Ctrl+wheel (or a pinch-like zoom gesture's wheel) zooms at the pointer; the plain wheel scrolls, Shift sideways. */
    private void scrolled(ScrollEvent e) {
        if (e.getDeltaY() == 0 && e.getDeltaX() == 0) {
            return;
        }
        if (e.isShortcutDown()) {
            canvas.zoomAt(Math.pow(1.0015, e.getDeltaY()), e.getX(), e.getY());
        } else if (e.isShiftDown() && e.getDeltaX() == 0) {
            canvas.panBy(e.getDeltaY(), 0);
        } else {
            canvas.panBy(e.getDeltaX(), e.getDeltaY());
        }
        e.consume();
    }

    // ---- hit tests, in canvas units ----

    private PortHit portNear(Point2D w, Direction wanted) {
        double reach = PORT_REACH / canvas.zoomProperty().get();
        PortHit best = null;
        double bestDistance = Double.MAX_VALUE;
        for (NodeSkin s : canvas.nodeSkinMap().values()) {
            Bounds b = s.cardBounds();
            if (w.getX() < b.getMinX() - reach || w.getX() > b.getMaxX() + reach
                    || w.getY() < b.getMinY() - reach || w.getY() > b.getMaxY() + reach) {
                continue;
            }
            PortHit hit = s.portAt(w.getX(), w.getY(), reach);
            if (hit != null && (wanted == null || hit.direction() == wanted)) {
                double d = s.portCenter(hit.port(), hit.direction()).distance(w);
                if (d < bestDistance) {
                    bestDistance = d;
                    best = hit;
                }
            }
        }
        return best;
    }

    private NodeSkin cardAt(Point2D w) {
        List<NodeSkin> skins = new ArrayList<>(canvas.nodeSkinMap().values());
        for (int i = skins.size() - 1; i >= 0; i--) {
            if (skins.get(i).cardBounds().contains(w)) {
                return skins.get(i);
            }
        }
        return null;
    }

    // ---- connect ----

    private void startConnect(PortHit port) {
        mode = Mode.CONNECT;
        anchor = port;
        hovered = null;
        Point2D p = canvas.nodeSkin(port.nodeId()).portCenter(port.port(), port.direction());
        Curves.set(preview, p, p);
        preview.setVisible(true);
    }

    private void dragConnect(MouseEvent e) {
        Point2D w = canvas.toWorld(e.getX(), e.getY());
        Direction opposite = anchor.direction() == Direction.OUT ? Direction.IN : Direction.OUT;
        PortHit target = portNear(w, opposite);
        setHovered(target, null);
        Point2D a = canvas.nodeSkin(anchor.nodeId()).portCenter(anchor.port(), anchor.direction());
        Point2D b = target == null ? w : canvas.nodeSkin(target.nodeId()).portCenter(target.port(), target.direction());
        if (anchor.direction() == Direction.OUT) {
            Curves.set(preview, a, b, model.flow());
        } else {
            Curves.set(preview, b, a, model.flow());
        }
        Optional<String> refusal = target == null ? Optional.empty() : model.checkConnection(from(target), to(target));
        setHovered(target, refusal.isPresent() ? DesignerStyle.REFUSING : DesignerStyle.ACCEPTING);
        preview.pseudoClassStateChanged(DesignerStyle.REFUSING, refusal.isPresent());
        preview.pseudoClassStateChanged(DesignerStyle.ACCEPTING, target != null && refusal.isEmpty());
        dragReason.set(refusal.orElse(""));
        reason.setText(refusal.orElse(""));
        reason.setVisible(refusal.isPresent());
        if (refusal.isPresent()) {
            reason.autosize();
            double x = Math.min(e.getX() + 16, canvas.getWidth() - reason.getWidth() - 8);
            reason.relocate(Math.max(8, x), e.getY() + 18);
        }
    }

    private PortRef from(PortHit target) {
        return anchor.direction() == Direction.OUT ? anchor.ref() : target.ref();
    }

    private PortRef to(PortHit target) {
        return anchor.direction() == Direction.OUT ? target.ref() : anchor.ref();
    }

    private void setHovered(PortHit target, javafx.css.PseudoClass state) {
        if (hovered != null && !hovered.equals(target)) {
            NodeSkin s = canvas.nodeSkin(hovered.nodeId());
            if (s != null) {
                s.highlightPort(hovered.port(), hovered.direction(), null);
            }
        }
        hovered = target;
        if (target != null && state != null) {
            canvas.nodeSkin(target.nodeId()).highlightPort(target.port(), target.direction(), state);
        }
    }

    private void endConnect() {
        PortHit target = hovered;
        setHovered(null, null);
        preview.setVisible(false);
        reason.setVisible(false);
        dragReason.set("");
        if (target != null) {
            // A refused connection is not applied; the model keeps the reason as its message.
            model.connect(from(target), to(target));
        }
        anchor = null;
    }

    // ---- move ----

    private void startMove(NodeSkin card, boolean toggle) {
        if (toggle) {
            model.toggleSelected(card.nodeId());
        } else if (!model.selection().contains(card.nodeId())) {
            model.select(card.nodeId());
        }
        mode = Mode.MOVE;
        moveStart.clear();
        for (String id : model.selection()) {
            NodeSkin s = canvas.nodeSkin(id);
            if (s != null) {
                moveStart.put(id, new Point2D(s.x(), s.y()));
            }
        }
    }

    private void dragMove() {
        double z = canvas.zoomProperty().get();
        double dx = (lastX - pressX) / z;
        double dy = (lastY - pressY) / z;
        moveStart.forEach((id, start) -> canvas.nodeSkin(id).moveTo(start.getX() + dx, start.getY() + dy));
        canvas.rerouteEdgesOf(moveStart.keySet());
    }

    private void endMove() {
        if (!moved || moveStart.isEmpty()) {
            return;
        }
        Map<String, Position> positions = new HashMap<>();
        moveStart.keySet().forEach(id -> {
            NodeSkin s = canvas.nodeSkin(id);
            positions.put(id, new Position(Math.round(s.x()), Math.round(s.y())));
        });
        model.moveNodes(positions);
    }

    // ---- rubber band ----

    private void dragBand(MouseEvent e) {
        band.setVisible(true);
        band.setX(Math.min(pressX, e.getX()));
        band.setY(Math.min(pressY, e.getY()));
        band.setWidth(Math.abs(e.getX() - pressX));
        band.setHeight(Math.abs(e.getY() - pressY));
    }

    private void endBand(boolean add) {
        band.setVisible(false);
        if (!moved) {
            if (!add) {
                model.clearSelection();
            }
            return;
        }
        Point2D a = canvas.toWorld(band.getX(), band.getY());
        Point2D b = canvas.toWorld(band.getX() + band.getWidth(), band.getY() + band.getHeight());
        Bounds area = new BoundingBox(a.getX(), a.getY(), b.getX() - a.getX(), b.getY() - a.getY());
        Set<String> picked = new LinkedHashSet<>(add ? model.selection() : Set.of());
        canvas.nodeSkinMap().forEach((id, s) -> {
            if (area.intersects(s.cardBounds())) {
                picked.add(id);
            }
        });
        model.selectAll(picked);
    }
}
