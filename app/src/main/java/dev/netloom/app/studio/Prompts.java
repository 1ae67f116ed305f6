package dev.netloom.app.studio;

import dev.netloom.graph.project.Project;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * The questions the studio asks the user. The window uses dialogs ({@link DialogPrompts});
 * tests pass scripted answers, so every path through open, save and close is tested without a
 * modal dialog.
 */
public interface Prompts {

    /** What to do with unsaved changes when closing or replacing a project. */
    enum UnsavedChoice { SAVE, DISCARD, CANCEL }

    UnsavedChoice unsavedChanges(String projectName);

    /** Whether to recover the autosaved changes described by {@code what}. */
    boolean recover(String what);

    Optional<Path> chooseProjectToOpen();

    Optional<Path> chooseSaveTarget(String suggestedName);

    Optional<Project> newProject(List<TemplateChoice> choices);

    /** Tells the user something failed; {@code detail} is the reason. */
    void error(String what, String detail);
}
