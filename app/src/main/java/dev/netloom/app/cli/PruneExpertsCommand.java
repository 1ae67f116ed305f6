package dev.netloom.app.cli;

import com.fasterxml.jackson.databind.JsonNode;
import dev.netloom.app.training.AdaptationException;
import dev.netloom.app.training.ExpertPruner;
import dev.netloom.graph.analysis.GraphAnalysis;
import dev.netloom.graph.catalog.LayerType;
import dev.netloom.train.TrainingException;
import dev.netloom.train.artifact.ModelArtifact;
import dev.netloom.train.data.Dataset;
import dev.netloom.train.experts.KeepRule;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;

/**
 * {@code netloom prune-experts ARTIFACT --keep K | --min-share X [--fine-tune EPOCHS] --out DIR}:
 * removes the least used experts of every Mixture-of-Experts layer of a trained model
 * ({@link ExpertPruner}) and writes a normal artifact. Prints, per layer, the experts kept and the
 * share of the tokens they carried, then the test accuracy and parameters before and after. Exit 0;
 * 2 for bad options; 1 for a model without MoE layers or data it cannot read.
 */
@Command(name = "prune-experts", description = "Remove the least used experts of a trained MoE model.",
        mixinStandardHelpOptions = true)
final class PruneExpertsCommand implements Callable<Integer> {

    @ParentCommand
    NetloomCommand netloom;

    @Parameters(index = "0", paramLabel = "ARTIFACT", description = "A model folder written by netloom train.")
    Path artifact;

    @ArgGroup(exclusive = true, multiplicity = "1")
    Keep keep;

    static final class Keep {
        @Option(names = "--keep", paramLabel = "K", description = "Keep the K busiest experts in every MoE layer.")
        Integer count;

        @Option(names = "--min-share", paramLabel = "X", description = "Keep the experts that take at least this share "
                + "of the tokens (0.1 = 10%%), and at least the busiest one.")
        Double share;

        @Option(names = "--table", description = "Write nothing: score the model with each number of experts from all "
                + "down to one (the busiest kept, no fine-tune) and print accuracy and size.")
        boolean table;
    }

    @Option(names = "--split", paramLabel = "SPLIT",
            description = "Which split's tokens measure each expert's share: validation (default) or train.")
    String split;

    @Option(names = "--fine-tune", paramLabel = "EPOCHS", description = "Then train the pruned model this many epochs "
            + "at a tenth of its learning rate (default 0: no fine-tune).")
    int fineTune;

    @Option(names = "--threads", paramLabel = "T", description = "CPU threads for the fine-tune (default: the training "
            + "section's).")
    Integer threads;

    @Option(names = "--out", paramLabel = "DIR", description = "The folder to write the pruned model to; "
            + "must not exist (not with --table). With --fine-tune, the model before the fine-tune goes to DIR-pruned.")
    Path out;

    @Override
    public Integer call() {
        String which = split == null ? "validation" : split;
        if (!List.of("validation", "train").contains(which)) {
            netloom.err.println("netloom prune-experts: --split must be validation or train, got " + which
                    + " (the test split stays for judging the pruned model)");
            return ExitCode.USAGE;
        }
        if (fineTune < 0) {
            netloom.err.println("netloom prune-experts: --fine-tune must be 0 or more epochs, got " + fineTune);
            return ExitCode.USAGE;
        }
        if ((out == null) != keep.table) {
            netloom.err.println("netloom prune-experts: " + (keep.table ? "--table writes nothing; leave out --out"
                    : "--out DIR is needed: the folder to write the pruned model to"));
            return ExitCode.USAGE;
        }
        KeepRule rule;
        try {
            rule = keep.table ? null : keep.count != null ? KeepRule.keep(keep.count) : KeepRule.minShare(keep.share);
        } catch (IllegalArgumentException e) {
            netloom.err.println("netloom prune-experts: " + e.getMessage());
            return ExitCode.USAGE;
        }
        try (ModelArtifact.Loaded loaded = ModelArtifact.load(artifact, netloom.services.projectFile())) {
            GraphAnalysis analysis = loaded.model().analysis();
            boolean hasMoe = analysis.order().stream()
                    .anyMatch(id -> LayerType.MOE.is(analysis.graph().requireNode(id).type()));
            if (!hasMoe) {
                netloom.err.println("netloom prune-experts: " + artifact + " has no Mixture-of-Experts layer");
                return ExitCode.INVALID;
            }
            // The data the model was trained on, read as netloom eval reads it (same seed, so the same splits).
            JsonNode section = ProjectDataset.section(loaded.project(), null);
            Path folder = ProjectDataset.recordedFolder(loaded, artifact);
            Dataset dataset = ProjectDataset.read(section, folder, analysis, ProjectDataset.seedOf(loaded), loaded.fitted(),
                    netloom.out);
            if (keep.table) {
                printTable(ExpertPruner.everyCount(loaded, dataset, which, netloom.services.projectFile(),
                        line -> { }), which);
                return ExitCode.OK;
            }
            ExpertPruner.Result r = ExpertPruner.prune(loaded, artifact, dataset, folder, which, rule, fineTune, threads, out,
                    netloom.services.projectFile());
            print(r, which);
            return ExitCode.OK;
        } catch (IllegalArgumentException | IOException | TrainingException | AdaptationException
                 | dev.netloom.train.data.InputMismatchException e) {
            netloom.err.println("netloom prune-experts: " + e.getMessage());
            return e instanceof IllegalArgumentException ? ExitCode.USAGE : ExitCode.INVALID;
        }
    }

    private void printTable(List<ExpertPruner.CountRow> rows, String split) {
        ExpertPruner.CountRow all = rows.get(0);
        netloom.out.println("Test accuracy with fewer experts per MoE layer (the busiest on the " + split
                + " split kept; no fine-tune):");
        TextTable table = new TextTable(">EXPERTS", ">TEST ACCURACY", ">CHANGE", ">PARAMETERS", ">FP32 WEIGHTS");
        for (ExpertPruner.CountRow r : rows) {
            table.add(r.kept() + (r == all ? " (all)" : ""), String.format(Locale.ROOT, "%.2f%%", r.testAccuracy() * 100),
                    r == all ? "" : String.format(Locale.ROOT, "%+.2f pt", (r.testAccuracy() - all.testAccuracy()) * 100),
                    String.format(Locale.ROOT, "%,d", r.parameters()),
                    String.format(Locale.ROOT, "%.0f%%", 100.0 * r.weightBytesFp32() / all.weightBytesFp32()));
        }
        netloom.out.print(table.render());
    }

    private void print(ExpertPruner.Result r, String split) {
        netloom.out.println("Expert shares on the " + split + " split; kept experts marked *:");
        r.kept().forEach((node, kept) -> {
            double[] share = r.shares().get(node);
            TextTable table = new TextTable("EXPERT", ">SHARE", "KEPT");
            for (int e = 0; e < share.length; e++) {
                boolean stays = java.util.Arrays.binarySearch(kept, e) >= 0;
                table.add(Integer.toString(e), String.format(Locale.ROOT, "%.1f%%", share[e] * 100), stays ? "*" : "");
            }
            netloom.out.println();
            netloom.out.println(node + ": " + kept.length + " of " + share.length + " experts kept");
            netloom.out.print(table.render());
        });
        netloom.out.println();
        netloom.out.printf(Locale.ROOT, "Parameters: %,d -> %,d (%.1f%% fewer)%n", r.parametersBefore(), r.parametersAfter(),
                100.0 * (r.parametersBefore() - r.parametersAfter()) / r.parametersBefore());
        netloom.out.printf(Locale.ROOT, "Test accuracy: %.2f%% before, %.2f%% pruned%s%n", r.before().accuracy() * 100,
                r.pruned().accuracy() * 100, r.fineTuned() == null ? ""
                        : String.format(Locale.ROOT, ", %.2f%% after %d epochs of fine-tune", r.fineTuned().accuracy() * 100,
                        fineTune));
        if (r.fineTuned() != null) {
            netloom.out.println("Pruned model (before the fine-tune) written to " + ExpertPruner.prunedOnlyFolder(out, fineTune));
        }
        netloom.out.println("Model written to " + out);
    }
}
