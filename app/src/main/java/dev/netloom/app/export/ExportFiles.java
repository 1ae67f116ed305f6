package dev.netloom.app.export;

import javafx.stage.DirectoryChooser;
import javafx.stage.Window;

import java.awt.Desktop;
import java.io.File;
import java.nio.file.Path;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * What the export view asks of the desktop: a model folder chosen by hand, and a bundle folder
 * opened in the file manager. Behind an interface so tests answer without dialogs and open
 * nothing.
 */
public interface ExportFiles {

    /** Asks for a model folder (one written by training); empty when cancelled. */
    Optional<Path> chooseModelFolder();

    /** Shows a folder in the file manager. */
    void openFolder(Path folder);

    /** A folder chooser over the window, and the desktop's file manager. */
    static ExportFiles dialogs(Supplier<Window> owner) {
        return new ExportFiles() {
            @Override
            public Optional<Path> chooseModelFolder() {
                DirectoryChooser chooser = new DirectoryChooser();
                chooser.setTitle("Choose a model folder");
                return Optional.ofNullable(chooser.showDialog(owner.get())).map(File::toPath);
            }

            @Override
            public void openFolder(Path folder) {
                // AWT's Desktop blocks while the file manager starts: keep it off the FX thread.
                Thread t = new Thread(() -> {
                    try {
                        if (Desktop.isDesktopSupported() && Desktop.getDesktop().isSupported(Desktop.Action.OPEN)) {
                            Desktop.getDesktop().open(folder.toFile());
                        }
                    } catch (Exception ignored) {
                        // Nothing to open with (no file manager): the report shows the path to copy.
                    }
                }, "netloom-open-folder");
                t.setDaemon(true);
                t.start();
            }
        };
    }
}
