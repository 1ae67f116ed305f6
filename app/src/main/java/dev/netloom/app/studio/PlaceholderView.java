package dev.netloom.app.studio;

import javafx.geometry.Pos;
import javafx.scene.control.Label;
import javafx.scene.layout.VBox;
import org.kordamp.ikonli.Ikon;
import org.kordamp.ikonli.javafx.FontIcon;

/** A view that is not built yet, saying so plainly and what it will do. */
final class PlaceholderView extends VBox {

    PlaceholderView(String title, Ikon icon, String willDo) {
        getStyleClass().add(StudioStyle.PLACEHOLDER);
        setAlignment(Pos.CENTER);
        setSpacing(12);
        FontIcon i = new FontIcon(icon);
        i.setIconSize(48);
        Label t = new Label(title);
        t.getStyleClass().add(StudioStyle.PLACEHOLDER_TITLE);
        Label when = new Label("Available after training is set up");
        when.getStyleClass().add(StudioStyle.NOTE);
        Label text = new Label(willDo);
        text.getStyleClass().add(StudioStyle.PLACEHOLDER_TEXT);
        text.setWrapText(true);
        text.setMaxWidth(460);
        text.setAlignment(Pos.CENTER);
        text.setTextAlignment(javafx.scene.text.TextAlignment.CENTER);
        getChildren().addAll(i, t, when, text);
    }
}
