package dev.netloom.designer.view;

import dev.netloom.designer.model.DesignerModel;
import dev.netloom.designer.model.FindNode;
import javafx.geometry.Pos;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.TextField;
import javafx.scene.input.KeyCode;
import javafx.scene.layout.HBox;

import java.util.List;

/**
 * Find in the graph (Edit › Find Node): type an id, a label or a layer type; Enter selects the
 * next match and centres its card, Escape closes. The count says how many nodes match.
 */
public final class FindBar extends HBox {

    private final DesignerModel model;
    private final GraphCanvas canvas;
    private final TextField field = new TextField();
    private final Label count = new Label();
    private List<String> hits = List.of();
    private int next;

    FindBar(DesignerModel model, GraphCanvas canvas) {
        super(6);
        this.model = model;
        this.canvas = canvas;
        getStyleClass().addAll(DesignerStyle.ZOOM_BAR, DesignerStyle.FIND_BAR);
        setAlignment(Pos.CENTER_LEFT);
        setMaxSize(USE_PREF_SIZE, USE_PREF_SIZE);
        field.setId("find-node-field");
        field.setPromptText("Find a node: id, label or type");
        field.setPrefColumnCount(20);
        count.setId("find-node-count");
        count.setMinWidth(64);
        Button close = new Button("Close");
        close.getStyleClass().add("flat");
        close.setOnAction(e -> hide());
        getChildren().addAll(field, count, close);
        field.textProperty().addListener((obs, old, text) -> search(text));
        field.setOnAction(e -> showNext());
        field.setOnKeyPressed(e -> {
            if (e.getCode() == KeyCode.ESCAPE) {
                hide();
                e.consume();
            }
        });
        setVisible(false);
        setManaged(false);
    }

    /** Shows the bar with the cursor in its field. */
    public void show() {
        setVisible(true);
        setManaged(true);
        search(field.getText());
        field.requestFocus();
        field.selectAll();
    }

    public void hide() {
        setVisible(false);
        setManaged(false);
        canvas.requestFocus();
    }

    /** The search field (tests type into it). */
    public TextField field() {
        return field;
    }

    private void search(String text) {
        hits = FindNode.matches(model.graph(), text);
        next = 0;
        count.setText(text == null || text.isBlank() ? "" : hits.isEmpty() ? "no match" : hits.size() + " found");
        if (!hits.isEmpty()) {
            showNext();
        }
    }

    /** Selects and centres the next match. */
    public void showNext() {
        if (hits.isEmpty()) {
            return;
        }
        String id = hits.get(next % hits.size());
        next++;
        canvas.reveal(id);
        count.setText(((next - 1) % hits.size() + 1) + " of " + hits.size());
    }
}
