package dev.netloom.app.studio;

import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import org.kordamp.ikonli.javafx.FontIcon;
import org.kordamp.ikonli.materialdesign2.MaterialDesignA;

/**
 * A one-line notice across the top of the window (the workspace was damaged and started afresh,
 * say): the words, and a button that dismisses it. Nothing the user must answer.
 */
final class NoticeBar extends HBox {

    NoticeBar(String text) {
        this(text, "workspace-notice");
    }

    /** A notice whose line has the given node id (tests find it by that). */
    NoticeBar(String text, String id) {
        super(8);
        getStyleClass().add(StudioStyle.NOTICE_BAR);
        Label line = new Label(text, new FontIcon(MaterialDesignA.ALERT_OUTLINE));
        line.setId(id);
        line.setWrapText(true);
        line.setMaxWidth(Double.MAX_VALUE);
        HBox.setHgrow(line, Priority.ALWAYS);
        Button dismiss = new Button("Dismiss");
        dismiss.setId("dismiss-notice");
        dismiss.setOnAction(e -> {
            setVisible(false);
            setManaged(false);
        });
        getChildren().addAll(line, dismiss);
    }
}
