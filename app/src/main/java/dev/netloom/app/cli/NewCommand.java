package dev.netloom.app.cli;

import dev.netloom.graph.project.Project;
import dev.netloom.graph.project.ProjectFile;
import dev.netloom.graph.project.Templates;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;

/** {@code netloom new --template NAME FILE}: starts a project from a template. */
@Command(name = "new", description = "Create a project file from a template.", mixinStandardHelpOptions = true)
final class NewCommand implements Callable<Integer> {

    @ParentCommand
    NetloomCommand netloom;

    @Option(names = {"-t", "--template"}, required = true, paramLabel = "NAME",
            description = "The template to start from; 'netloom templates' lists them.")
    String template;

    @Option(names = "--force", description = "Overwrite FILE if it exists.")
    boolean force;

    @Parameters(index = "0", paramLabel = "FILE", description = "The project file to write, ending in .netloom.")
    Path file;

    @Override
    public Integer call() {
        Templates.Template t = netloom.services.templates().find(template).orElse(null);
        if (t == null) {
            netloom.err.println("netloom new: no template \"" + template + "\"; choose one of "
                    + String.join(", ", netloom.services.templates().names()));
            return ExitCode.USAGE;
        }
        if (!file.getFileName().toString().endsWith(ProjectFile.EXTENSION)) {
            netloom.err.println("netloom new: " + file + ": the file name must end in " + ProjectFile.EXTENSION);
            return ExitCode.USAGE;
        }
        if (Files.exists(file) && !force) {
            netloom.err.println("netloom new: " + file + " already exists; use --force to overwrite it");
            return ExitCode.USAGE;
        }
        Project project = t.project();
        try {
            netloom.services.projectFile().write(t.drawn(), file); // as drawn: the user's file keeps the template's blocks
        } catch (IOException e) {
            netloom.err.println("netloom new: " + file + ": cannot write: " + e.getMessage());
            return ExitCode.FAILURE;
        }
        netloom.out.println("Created " + file + " from template " + t.name() + " (" + project.graph().nodes().size()
                + " layers). Next: netloom stats " + file);
        return ExitCode.OK;
    }
}
