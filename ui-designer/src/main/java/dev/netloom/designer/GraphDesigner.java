package dev.netloom.designer;

import dev.netloom.designer.layout.GraphLayout;
import dev.netloom.designer.model.DesignerModel;
import dev.netloom.designer.model.Flow;
import dev.netloom.designer.model.PaletteModel;
import dev.netloom.designer.view.DesignerStyle;
import dev.netloom.designer.view.GraphCanvas;
import dev.netloom.designer.view.Views;
import dev.netloom.graph.Graph;
import dev.netloom.graph.Position;
import javafx.application.Platform;
import javafx.scene.control.TextInputControl;
import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyEvent;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.StackPane;

import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;

/**
 * The graph designer, ready to put in a window: palette on the left, canvas in the middle,
 * property panel on the right, cost bar below. Everything it shows follows one
 * {@link DesignerModel}; its keyboard shortcuts (Delete, Ctrl+Z, Ctrl+Shift+Z, Ctrl+C, Ctrl+V,
 * Ctrl+D, Ctrl+A, Ctrl+F (palette), Ctrl+Shift+F (find a node), F, Ctrl+L) act on that model.
 *
 * <p>Entry point for hosts: {@code new GraphDesigner(model, paletteModel, layout, background)};
 * add {@link DesignerStyle#STYLESHEET} to the scene.
 */
public final class GraphDesigner extends StackPane {

    private final DesignerModel model;
    private final GraphLayout layout;
    private final Executor background;
    private final Views views;

    /**
     * @param model the document's view-model
     * @param palette the palette's state
     * @param layout the auto-layout (ELK layered in the studio)
     * @param background where slow work (auto-layout) runs, off the FX thread
     */
    public GraphDesigner(DesignerModel model, PaletteModel palette, GraphLayout layout, Executor background) {
        this.model = model;
        this.layout = layout;
        this.background = background;
        getStyleClass().add(DesignerStyle.DESIGNER);
        getStylesheets().add(DesignerStyle.STYLESHEET);
        this.views = Views.build(model, palette, this::autoLayout);
        BorderPane frame = views.frame();
        getChildren().addAll(frame, views.ghostLayer());
        addEventHandler(KeyEvent.KEY_PRESSED, this::keyPressed);
    }

    public DesignerModel model() {
        return model;
    }

    public GraphCanvas canvas() {
        return views.canvas();
    }

    /** The parts, for hosts and tests. */
    public Views views() {
        return views;
    }

    /**
     * Draws the graph the other way round ({@link Flow}) and lays it out again that way (one undo
     * step for the moves).
     */
    public CompletableFuture<Void> setFlow(Flow flow) {
        model.setFlow(flow);
        return autoLayout();
    }

    /**
     * Lays the whole graph out in the model's flow (top to bottom unless the drawing reads left
     * to right), off the FX thread, and applies it as one move (one undo step). Nothing happens if
     * the graph changed meanwhile.
     *
     * @return completes on the FX thread once the layout was applied (or skipped)
     */
    public CompletableFuture<Void> autoLayout() {
        Graph before = model.graph();
        Flow flow = model.flow();
        CompletableFuture<Void> done = new CompletableFuture<>();
        CompletableFuture.supplyAsync(() -> layout.layout(before, flow), background).whenComplete((positions, error) ->
                Platform.runLater(() -> {
                    try {
                        if (error == null && model.graph() == before && model.flow() == flow) {
                            apply(positions);
                        }
                    } finally {
                        done.complete(null);
                    }
                }));
        return done;
    }

    private void apply(Map<String, Position> positions) {
        Map<String, Position> changed = new java.util.HashMap<>(positions);
        changed.entrySet().removeIf(e -> model.graph().node(e.getKey())
                .map(n -> n.position().equals(e.getValue())).orElse(true));
        if (!changed.isEmpty()) {
            model.moveNodes(changed);
        }
        canvas().fitToView();
    }

    public void fitToView() {
        canvas().fitToView();
    }

    /** Opens find in the graph: a node by id, label or type, selected and centred. */
    public void findNode() {
        views.findBar().show();
    }

    /** Puts the cursor in the palette's search field. */
    public void focusSearch() {
        views.palette().focusSearch();
    }

    private void keyPressed(KeyEvent e) {
        boolean typing = getScene() != null && getScene().getFocusOwner() instanceof TextInputControl;
        boolean shortcut = e.isShortcutDown();
        KeyCode code = e.getCode();
        if (shortcut && e.isShiftDown() && code == KeyCode.F) {
            findNode();
        } else if (shortcut && code == KeyCode.F) {
            focusSearch();
        } else if (typing) {
            return; // keys belong to the text field
        } else if (!shortcut && (code == KeyCode.DELETE || code == KeyCode.BACK_SPACE)) {
            model.deleteSelection();
        } else if (shortcut && code == KeyCode.Z) {
            if (e.isShiftDown()) {
                model.redo();
            } else {
                model.undo();
            }
        } else if (shortcut && code == KeyCode.Y) {
            model.redo();
        } else if (shortcut && code == KeyCode.D) {
            model.duplicateSelection();
        } else if (shortcut && code == KeyCode.C) {
            model.copySelection();
        } else if (shortcut && code == KeyCode.V) {
            model.paste();
        } else if (shortcut && code == KeyCode.A) {
            model.selectAll(model.graph().nodesById().keySet());
        } else if (shortcut && code == KeyCode.L) {
            autoLayout();
        } else if (!shortcut && !e.isAltDown() && code == KeyCode.F) {
            fitToView();
        } else if (!shortcut && code == KeyCode.ESCAPE) {
            model.clearSelection();
        } else {
            return;
        }
        e.consume();
    }
}
