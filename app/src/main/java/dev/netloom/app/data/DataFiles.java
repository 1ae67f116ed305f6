package dev.netloom.app.data;

import javafx.stage.DirectoryChooser;
import javafx.stage.FileChooser;
import javafx.stage.Window;

import java.io.File;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * How the Data view asks for a file or a folder: file choosers in the studio, scripted answers
 * in tests.
 */
public interface DataFiles {

    /**
     * @param what the kind of file, for the filter's name, for example "CSV table"
     * @param patterns the filter, for example {@code *.csv}; empty for any file
     */
    Optional<Path> chooseFile(String what, List<String> patterns);

    Optional<Path> chooseFolder(String what);

    /** The studio's choosers, owned by the window. */
    static DataFiles dialogs(Supplier<Window> owner) {
        return new DataFiles() {
            @Override
            public Optional<Path> chooseFile(String what, List<String> patterns) {
                FileChooser chooser = new FileChooser();
                chooser.setTitle("Choose the " + what);
                if (!patterns.isEmpty()) {
                    chooser.getExtensionFilters().add(new FileChooser.ExtensionFilter(what, patterns));
                }
                chooser.getExtensionFilters().add(new FileChooser.ExtensionFilter("Any file", "*"));
                File f = chooser.showOpenDialog(owner.get());
                return Optional.ofNullable(f).map(File::toPath);
            }

            @Override
            public Optional<Path> chooseFolder(String what) {
                DirectoryChooser chooser = new DirectoryChooser();
                chooser.setTitle("Choose the " + what);
                File f = chooser.showDialog(owner.get());
                return Optional.ofNullable(f).map(File::toPath);
            }
        };
    }
}
