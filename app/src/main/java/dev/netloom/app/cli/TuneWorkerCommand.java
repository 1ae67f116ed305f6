package dev.netloom.app.cli;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.ParentCommand;

import java.util.concurrent.Callable;

/**
 * {@code netloom tune-worker PROJECT --study NAME --storage URL --out DIR}: joins a study that
 * {@code netloom tune} started, on this or another machine sharing its storage (PostgreSQL for
 * several machines), and runs trials until its count is done.
 */
@Command(name = "tune-worker", description = "Join an existing study from another process or machine and run trials.",
        mixinStandardHelpOptions = true, sortOptions = false)
final class TuneWorkerCommand implements Callable<Integer> {

    @ParentCommand
    NetloomCommand netloom;

    @Mixin
    SearchRun search;

    @Override
    public Integer call() {
        if (search.study == null || search.storage == null) {
            netloom.err.println("netloom tune-worker: --study and --storage are required, to join the same study");
            return ExitCode.USAGE;
        }
        return search.run(netloom, "tune-worker", true);
    }
}
