package dev.netloom.app.studio;

import dev.netloom.graph.project.Project;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.control.ListView;
import javafx.scene.control.TextField;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import org.kordamp.ikonli.javafx.FontIcon;
import org.kordamp.ikonli.materialdesign2.MaterialDesignA;
import org.kordamp.ikonli.materialdesign2.MaterialDesignF;
import org.kordamp.ikonli.materialdesign2.MaterialDesignI;
import org.kordamp.ikonli.materialdesign2.MaterialDesignM;
import org.kordamp.ikonli.materialdesign2.MaterialDesignT;

import java.util.List;

/** The new-project wizard's page: pick a template (or empty) and name the project. */
public final class NewProjectPane extends VBox {

    private final ListView<TemplateChoice> list = new ListView<>();
    private final TextField name = new TextField();

    public NewProjectPane(List<TemplateChoice> choices) {
        getStyleClass().add(StudioStyle.WIZARD);
        setSpacing(12);
        setPadding(new Insets(4, 4, 4, 4));
        Label heading = new Label("New project");
        heading.getStyleClass().add(StudioStyle.PLACEHOLDER_TITLE);
        Label intro = new Label("Start from a proven design and change it, or from an empty canvas.");
        intro.getStyleClass().add(StudioStyle.MUTED);
        list.getItems().setAll(choices);
        list.setId("template-list");
        list.setCellFactory(v -> new Card());
        list.setPrefSize(620, 440);
        VBox.setVgrow(list, Priority.ALWAYS);
        name.setId("project-name");
        name.setPromptText("Project name");
        list.getSelectionModel().selectedItemProperty().addListener((obs, old, c) -> {
            if (c != null && (name.getText().isBlank() || (old != null && name.getText().equals(suggest(old))))) {
                name.setText(suggest(c));
            }
        });
        list.getSelectionModel().select(choices.size() > 1 ? 1 : 0);
        Label nameLabel = new Label("Name");
        HBox nameRow = new HBox(10, nameLabel, name);
        nameRow.setAlignment(Pos.CENTER_LEFT);
        HBox.setHgrow(name, Priority.ALWAYS);
        getChildren().addAll(new VBox(2, heading, intro), list, nameRow);
    }

    private static String suggest(TemplateChoice c) {
        return c.key().equals("empty") ? "Untitled" : c.key();
    }

    /** The template list (tests pick from it). */
    public ListView<TemplateChoice> list() {
        return list;
    }

    /** The project the user chose, named as typed; null when nothing is selected. */
    public Project result() {
        TemplateChoice c = list.getSelectionModel().getSelectedItem();
        if (c == null) {
            return null;
        }
        String n = name.getText().isBlank() ? suggest(c) : name.getText().trim();
        return c.project().withName(n);
    }

    private static final class Card extends ListCell<TemplateChoice> {
        @Override
        protected void updateItem(TemplateChoice c, boolean empty) {
            super.updateItem(c, empty);
            if (empty || c == null) {
                setGraphic(null);
                setText(null);
                return;
            }
            FontIcon icon = new FontIcon(switch (c.key()) {
                case "empty" -> MaterialDesignF.FILE_OUTLINE;
                case "text-classifier" -> MaterialDesignF.FORMAT_TEXT;
                case "image-text-qa" -> MaterialDesignI.IMAGE_TEXT;
                case "moe-transformer" -> MaterialDesignA.ACCOUNT_GROUP_OUTLINE;
                case "mobilenet-v2", "mobilenet-v3-small", "efficientnet-b0" -> MaterialDesignT.TABLET_CELLPHONE;
                case "ds-cnn-s" -> MaterialDesignM.MICROPHONE_OUTLINE;
                default -> MaterialDesignI.IMAGE_OUTLINE;
            });
            icon.setIconSize(28);
            Label title = new Label(c.title());
            title.getStyleClass().add(StudioStyle.TEMPLATE_NAME);
            Label description = new Label(c.description());
            description.setWrapText(true);
            description.setPrefWidth(500);
            description.setMinHeight(Region.USE_PREF_SIZE);
            description.getStyleClass().add(StudioStyle.MUTED);
            Label meta = new Label(c.summary());
            meta.getStyleClass().add(StudioStyle.TEMPLATE_META);
            VBox text = new VBox(3, title, description, meta);
            text.setMaxWidth(520);
            HBox card = new HBox(16, icon, text);
            card.setAlignment(Pos.CENTER_LEFT);
            card.getStyleClass().add(StudioStyle.TEMPLATE_CARD);
            setGraphic(card);
            setText(null);
        }
    }
}
