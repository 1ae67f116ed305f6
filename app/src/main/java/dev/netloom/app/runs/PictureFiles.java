package dev.netloom.app.runs;

import javafx.stage.FileChooser;
import javafx.stage.Window;

import java.io.File;
import java.nio.file.Path;
import java.util.Optional;
import java.util.function.Supplier;

/** Asks for a picture to try a model on; behind an interface so tests answer without a dialog. */
public interface PictureFiles {

    /** A PNG or JPEG file, or empty when cancelled. */
    Optional<Path> choosePicture();

    /** A file chooser over the window. */
    static PictureFiles dialogs(Supplier<Window> owner) {
        return () -> {
            FileChooser chooser = new FileChooser();
            chooser.setTitle("Choose a picture");
            chooser.getExtensionFilters().add(new FileChooser.ExtensionFilter("Pictures", "*.png", "*.jpg", "*.jpeg"));
            return Optional.ofNullable(chooser.showOpenDialog(owner.get())).map(File::toPath);
        };
    }
}
