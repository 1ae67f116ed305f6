package dev.netloom.app.cli;

import dev.netloom.graph.Units;
import dev.netloom.graph.analysis.GraphAnalysis;
import dev.netloom.graph.analysis.Problem;
import dev.netloom.graph.analysis.Severity;
import dev.netloom.graph.project.Project;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;

/** {@code netloom validate FILE...}: checks project files; exit 1 if any is invalid. */
@Command(name = "validate", description = "Check project files: format, shapes, connections, and the training, data, search and export "
                + "sections as train would. Exit 1 if any is invalid.",
        mixinStandardHelpOptions = true)
final class ValidateCommand implements Callable<Integer> {

    @ParentCommand
    NetloomCommand netloom;

    @Parameters(arity = "1..*", paramLabel = "FILE", description = "Project files (.netloom).")
    List<Path> files;

    @Override
    public Integer call() {
        int code = ExitCode.OK;
        for (Path file : files) {
            Project project = netloom.load(file).orElse(null);
            if (project == null) {
                code = ExitCode.INVALID;
                continue;
            }
            // The training section is checked as training will read it: unknown keys and bad values are refused.
            try {
                dev.netloom.train.TrainingSection.read(project.section("training").orElse(null));
            } catch (IllegalArgumentException e) {
                netloom.err.println(file + ": " + e.getMessage());
                code = ExitCode.INVALID;
                continue;
            }
            GraphAnalysis analysis = netloom.services.analyzer().analyze(project.graph());
            for (Problem p : analysis.problems()) {
                netloom.err.println(file + ": " + (p.severity() == Severity.WARNING ? "warning: " : "") + p);
            }
            // The sections' settings, checked as train, tune and export would check them.
            java.util.List<String> sections = dev.netloom.app.ProjectSections.problems(project,
                    file.toAbsolutePath().getParent(), netloom.services.catalog());
            sections.forEach(problem -> netloom.err.println(file + ": " + problem));
            if (analysis.isValid() && sections.isEmpty()) {
                netloom.out.println(file + ": valid (" + project.graph().nodes().size() + " layers, "
                        + Units.count(analysis.total().parameters()) + " parameters)");
            } else {
                code = ExitCode.INVALID;
            }
        }
        return code;
    }
}
