package dev.netloom.app.cli;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.ParentCommand;

import java.util.concurrent.Callable;

/**
 * {@code netloom tune PROJECT --trials N --out DIR}: searches the project's searchable parameters,
 * training each trial on this computer with pruning, and prints a live table and the best trial
 * (or the Pareto set for several objectives).
 */
@Command(name = "tune", description = "Search the project's searchable parameters: train trials, prune poor ones, "
        + "keep the best models.", mixinStandardHelpOptions = true, sortOptions = false)
final class TuneCommand implements Callable<Integer> {

    @ParentCommand
    NetloomCommand netloom;

    @Mixin
    SearchRun search;

    @Override
    public Integer call() {
        return search.run(netloom, "tune", false);
    }
}
