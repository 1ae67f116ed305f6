package dev.netloom.app.cli;

import dev.netloom.app.diff.ModelDiff;
import dev.netloom.app.diff.ModelSide;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.Callable;

/**
 * {@code netloom diff A B}: every difference between two project files or two model folders —
 * training settings, data (source, size, split, fingerprint), the graph (nodes added, removed,
 * changed with their parameters; connections) and the other sections. The Runs view's Compare
 * shows the same {@link ModelDiff}. Exit 0 whether or not they differ; 1 when a side cannot be
 * read; 2 for a project file against a model folder.
 */
@Command(name = "diff", description = "Show every difference between two project files or two model folders.",
        mixinStandardHelpOptions = true)
final class DiffCommand implements Callable<Integer> {

    @ParentCommand
    NetloomCommand netloom;

    @Parameters(index = "0", paramLabel = "A", description = "A project file (.netloom) or a model folder.")
    Path first;

    @Parameters(index = "1", paramLabel = "B", description = "Another of the same kind.")
    Path second;

    @Override
    public Integer call() {
        ModelSide a;
        ModelSide b;
        try {
            a = ModelSide.read(first, netloom.services.projectFile());
            b = ModelSide.read(second, netloom.services.projectFile());
        } catch (IOException e) {
            netloom.err.println(e.getMessage());
            return ExitCode.INVALID;
        }
        Optional<String> mismatch = ModelDiff.mismatch(a, b);
        if (mismatch.isPresent()) {
            netloom.err.println(mismatch.get());
            return ExitCode.USAGE;
        }
        ModelDiff.of(a, b).lines().forEach(netloom.out::println);
        return ExitCode.OK;
    }
}
