package dev.netloom.app.studio;

import dev.netloom.graph.project.Project;
import javafx.scene.control.ButtonBar;
import javafx.scene.control.ButtonType;
import javafx.scene.control.Dialog;
import javafx.stage.Window;

import java.util.List;
import java.util.Optional;

/** The new-project wizard as a dialog: one page, Create or Cancel. */
final class NewProjectDialog {

    static final ButtonType CREATE = new ButtonType("Create", ButtonBar.ButtonData.OK_DONE);

    private NewProjectDialog() {
    }

    static Optional<Project> show(Window owner, List<TemplateChoice> choices) {
        Dialog<Project> dialog = new Dialog<>();
        dialog.initOwner(owner);
        dialog.setTitle("New project");
        NewProjectPane pane = new NewProjectPane(choices);
        dialog.getDialogPane().setContent(pane);
        dialog.getDialogPane().getButtonTypes().addAll(ButtonType.CANCEL, CREATE);
        dialog.getDialogPane().getStylesheets().add(StudioStyle.STYLESHEET);
        dialog.setResultConverter(b -> b == CREATE ? pane.result() : null);
        return dialog.showAndWait();
    }
}
