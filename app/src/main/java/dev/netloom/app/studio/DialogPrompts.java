package dev.netloom.app.studio;

import dev.netloom.graph.project.Project;
import dev.netloom.graph.project.ProjectFile;
import javafx.scene.control.Alert;
import javafx.scene.control.ButtonBar;
import javafx.scene.control.ButtonType;
import javafx.stage.FileChooser;
import javafx.stage.Window;

import java.io.File;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;

/** {@link Prompts} as JavaFX dialogs and file choosers. */
public final class DialogPrompts implements Prompts {

    private static final ButtonType SAVE = new ButtonType("Save", ButtonBar.ButtonData.YES);
    private static final ButtonType DONT_SAVE = new ButtonType("Don't Save", ButtonBar.ButtonData.NO);
    private static final ButtonType RECOVER = new ButtonType("Recover", ButtonBar.ButtonData.YES);
    private static final ButtonType DISCARD = new ButtonType("Discard", ButtonBar.ButtonData.NO);

    private final Supplier<Window> owner;
    private File lastFolder;

    public DialogPrompts(Supplier<Window> owner) {
        this.owner = owner;
    }

    private Alert alert(Alert.AlertType type, String header, String text, ButtonType... buttons) {
        Alert a = new Alert(type, text, buttons);
        a.initOwner(owner.get());
        a.setTitle("Netloom Studio");
        a.setHeaderText(header);
        a.getDialogPane().getStylesheets().add(StudioStyle.STYLESHEET);
        return a;
    }

    @Override
    public UnsavedChoice unsavedChanges(String projectName) {
        ButtonType b = alert(Alert.AlertType.CONFIRMATION, "Save changes to " + projectName + "?",
                "Your changes are lost if you don't save them.", SAVE, DONT_SAVE, ButtonType.CANCEL)
                .showAndWait().orElse(ButtonType.CANCEL);
        return b == SAVE ? UnsavedChoice.SAVE : b == DONT_SAVE ? UnsavedChoice.DISCARD : UnsavedChoice.CANCEL;
    }

    @Override
    public boolean recover(String what) {
        return alert(Alert.AlertType.CONFIRMATION, "Recover unsaved changes?", what, RECOVER, DISCARD)
                .showAndWait().orElse(DISCARD) == RECOVER;
    }

    private FileChooser chooser(String title) {
        FileChooser c = new FileChooser();
        c.setTitle(title);
        c.getExtensionFilters().add(new FileChooser.ExtensionFilter("Netloom project", "*" + ProjectFile.EXTENSION));
        if (lastFolder != null && lastFolder.isDirectory()) {
            c.setInitialDirectory(lastFolder);
        }
        return c;
    }

    @Override
    public Optional<Path> chooseProjectToOpen() {
        File f = chooser("Open project").showOpenDialog(owner.get());
        if (f != null) {
            lastFolder = f.getParentFile();
        }
        return Optional.ofNullable(f).map(File::toPath);
    }

    @Override
    public Optional<Path> chooseSaveTarget(String suggestedName) {
        FileChooser c = chooser("Save project");
        c.setInitialFileName(suggestedName + ProjectFile.EXTENSION);
        File f = c.showSaveDialog(owner.get());
        if (f == null) {
            return Optional.empty();
        }
        lastFolder = f.getParentFile();
        Path p = f.toPath();
        return Optional.of(p.getFileName().toString().endsWith(ProjectFile.EXTENSION) ? p
                : p.resolveSibling(p.getFileName() + ProjectFile.EXTENSION));
    }

    @Override
    public Optional<Project> newProject(List<TemplateChoice> choices) {
        return NewProjectDialog.show(owner.get(), choices);
    }

    @Override
    public void error(String what, String detail) {
        alert(Alert.AlertType.ERROR, what, detail, ButtonType.OK).showAndWait();
    }
}
