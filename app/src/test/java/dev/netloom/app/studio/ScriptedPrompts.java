package dev.netloom.app.studio;

import dev.netloom.graph.project.Project;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** Answers the studio's questions from a script and records what was asked. */
final class ScriptedPrompts implements Prompts {

    UnsavedChoice unsaved = UnsavedChoice.CANCEL;
    boolean recover;
    Path saveTarget;
    Path openTarget;
    String newTemplate = "small-cnn";
    final List<String> asked = new ArrayList<>();

    @Override
    public UnsavedChoice unsavedChanges(String projectName) {
        asked.add("unsaved " + projectName);
        return unsaved;
    }

    @Override
    public boolean recover(String what) {
        asked.add("recover");
        return recover;
    }

    @Override
    public Optional<Path> chooseProjectToOpen() {
        return Optional.ofNullable(openTarget);
    }

    @Override
    public Optional<Path> chooseSaveTarget(String suggestedName) {
        asked.add("save as " + suggestedName);
        return Optional.ofNullable(saveTarget);
    }

    @Override
    public Optional<Project> newProject(List<TemplateChoice> choices) {
        asked.add("new project " + choices.stream().map(TemplateChoice::key).toList());
        return choices.stream().filter(c -> c.key().equals(newTemplate)).findFirst()
                .map(c -> c.project().withName(newTemplate));
    }

    @Override
    public void error(String what, String detail) {
        asked.add("error " + what + ": " + detail);
    }
}
