package dev.netloom.app.training;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.netloom.graph.analysis.GraphAnalysis;
import dev.netloom.graph.analysis.GraphAnalyzer;
import dev.netloom.graph.project.ProjectFile;
import dev.netloom.graph.quantize.QuantizationSection;
import dev.netloom.train.AdaptationSettings;
import dev.netloom.train.Evaluation;
import dev.netloom.train.ExpertShares;
import dev.netloom.train.TrainedModel;
import dev.netloom.train.TrainingException;
import dev.netloom.train.TrainingListener.EndReason;
import dev.netloom.train.TrainingListener.RunEnd;
import dev.netloom.train.TrainingSection;
import dev.netloom.train.TrainingSettings;
import dev.netloom.train.artifact.ModelArtifact;
import dev.netloom.train.data.Dataset;
import dev.netloom.train.data.Examples;
import dev.netloom.train.data.InputBinding;
import dev.netloom.train.data.InputMismatchException;
import dev.netloom.train.experts.ExpertPruning;
import dev.netloom.train.experts.KeepRule;
import dev.netloom.train.quantize.WeightQuantization;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Prunes the least used experts of a trained Mixture-of-Experts model and writes the result as a
 * normal artifact (it loads, evaluates, trains and exports like any other): measures each expert's
 * share of the tokens on one split, keeps the experts a {@link KeepRule} chooses
 * ({@link ExpertPruning}), scores the pruned model on the test split and, when asked, fine-tunes it
 * for a few epochs starting from its pruned weights. {@code netloom prune-experts} is its command line.
 */
public final class ExpertPruner {

    /** The learning rate of the fine-tune, relative to the training section's: a start model needs small steps. */
    public static final double FINE_TUNE_RATE_FACTOR = 0.1;

    private static final ObjectMapper JSON = new ObjectMapper();

    /**
     * What pruning did.
     *
     * @param shares each MoE node's expert shares on the measured split, before pruning
     * @param kept each MoE node's experts kept (old numbers)
     * @param before the original model on the test split
     * @param pruned the pruned model on the test split, before any fine-tune
     * @param fineTuned the pruned model after the fine-tune (written to {@code out}; the pruned model before it is
     *     in {@link #prunedOnlyFolder}), or null without one
     * @param parametersBefore the original model's parameters
     * @param parametersAfter the pruned model's parameters
     */
    public record Result(Map<String, double[]> shares, Map<String, int[]> kept, Evaluation before, Evaluation pruned,
                         Evaluation fineTuned, long parametersBefore, long parametersAfter) {

        /** The test accuracy of what was written. */
        public double finalAccuracy() {
            return (fineTuned != null ? fineTuned : pruned).accuracy();
        }
    }

    private ExpertPruner() {
    }

    /**
     * Prunes {@code original} and writes the pruned model to {@code out} (which must not exist).
     *
     * @param original the loaded artifact
     * @param source where it was loaded from, recorded in the pruned model's training.json
     * @param dataset its data, read as it was trained (same seed and preprocessing)
     * @param dataFolder the folder the data section's relative paths were read from
     * @param split which split's tokens measure the shares: "train", "validation" or "test"
     * @param fineTuneEpochs epochs of fine-tuning after pruning, 0 for none
     * @param threads training threads for the fine-tune, or null for the training section's
     * @throws IllegalArgumentException a rule that cannot apply (more experts kept than a layer has)
     */
    public static Result prune(ModelArtifact.Loaded original, Path source, Dataset dataset, Path dataFolder, String split,
                               KeepRule rule, int fineTuneEpochs, Integer threads, Path out, ProjectFile files)
            throws IOException, InputMismatchException, TrainingException, AdaptationException {
        for (Path folder : fineTuneEpochs > 0 ? List.of(out, prunedOnlyFolder(out, fineTuneEpochs)) : List.of(out)) {
            if (Files.exists(folder)) {
                throw new IOException(folder + " already exists; choose a new folder for the pruned model");
            }
        }
        TrainedModel model = original.model();
        GraphAnalysis analysis = model.analysis();
        ExpertShares shares = shares(original, dataset, split);
        Map<String, int[]> kept = rule.choose(shares);
        Map<String, double[]> shareByNode = new LinkedHashMap<>();
        kept.keySet().forEach(node -> shareByNode.put(node, shares.shares(node)));
        int batch = batchSize(original);
        int topK = Math.min(5, dataset.classes().size());
        Evaluation before = Evaluation.of(model, dataset.test(), dataset.classes(), topK, 0, batch);
        Instant started = Instant.now();
        try (Candidate smaller = candidate(original, kept, files)) {
            Evaluation after = Evaluation.of(smaller.model(), dataset.test(), dataset.classes(), topK, 10, batch);
            double validation = dataset.validation().size() == 0 ? Double.NaN
                    : Evaluation.of(smaller.model(), dataset.validation(), dataset.classes(), 1, 0, batch).accuracy();
            TrainingSettings settings = settingsOf(original);
            RunEnd end = new RunEnd(EndReason.COMPLETED, "pruned from " + source + ": " + describe(kept, shareByNode), 0,
                    validation);
            ObjectNode record = origin(source, split, kept, shareByNode);
            Path written = prunedOnlyFolder(out, fineTuneEpochs);
            ModelArtifact.write(written, new ModelArtifact.Contents(smaller.project(), smaller.model(), dataset, settings,
                    end, List.of(), after, started, Instant.now(), dataFolder), files, record);
            // The fine-tune starts from the pruned model as written (and its training.json names it),
            // so that model stays beside the fine-tuned one.
            Evaluation tuned = fineTuneEpochs == 0 ? null : fineTune(written, smaller.project(), smaller.analysis(), dataset,
                    dataFolder, settings, new TrainingOverrides(fineTuneEpochs, null,
                            settings.learningRate() * FINE_TUNE_RATE_FACTOR, threads, null), out, files);
            return new Result(shareByNode, kept, before, after, tuned, analysis.total().parameters(),
                    smaller.analysis().total().parameters());
        }
    }

    /**
     * One row of {@link #everyCount}: the model with {@code kept} experts in each MoE layer.
     *
     * @param kept experts kept per layer (the busiest); the original's count for the first row
     * @param testAccuracy on the test split, run as the model predicts (share)
     * @param parameters the pruned model's parameters
     * @param weightBytesFp32 its weights at FP32
     */
    public record CountRow(int kept, double testAccuracy, long parameters, long weightBytesFp32) {
    }

    /**
     * The model as trained, then with one expert fewer per MoE layer at a time down to one — the
     * busiest kept, measured on {@code split} — each scored on the test split without fine-tuning.
     * What keeping fewer experts costs, before deciding (the Export view's table and
     * {@code netloom prune-experts --table}). Slow: one pass over the test split per row.
     *
     * @param progress one line per row measured
     */
    public static List<CountRow> everyCount(ModelArtifact.Loaded original, Dataset dataset, String split,
                                            ProjectFile files, java.util.function.Consumer<String> progress)
            throws InputMismatchException {
        ExpertShares shares = shares(original, dataset, split);
        int most = shares.tokensPerExpert().values().stream().mapToInt(c -> c.length).min().orElse(0);
        int batch = batchSize(original);
        GraphAnalysis analysis = original.model().analysis();
        List<CountRow> rows = new java.util.ArrayList<>();
        progress.accept("Scoring the model as trained on " + dataset.test().size() + " test examples…");
        rows.add(new CountRow(most, Evaluation.of(original.model(), dataset.test(), dataset.classes(), 1, 0, batch)
                .accuracy(), analysis.total().parameters(), analysis.weightBytes(dev.netloom.graph.Precision.FP32)));
        for (int k = most - 1; k >= 1; k--) {
            progress.accept("Scoring the model with " + k + " expert" + (k == 1 ? "" : "s") + " per layer…");
            try (Candidate c = candidate(original, KeepRule.keep(k).choose(shares), files)) {
                rows.add(new CountRow(k, Evaluation.of(c.model(), dataset.test(), dataset.classes(), 1, 0, batch).accuracy(),
                        c.analysis().total().parameters(), c.analysis().weightBytes(dev.netloom.graph.Precision.FP32)));
            }
        }
        return rows;
    }

    /** Each MoE layer's expert shares on one split of the model's data. */
    private static ExpertShares shares(ModelArtifact.Loaded original, Dataset dataset, String split)
            throws InputMismatchException {
        InputBinding.bind(original.model().analysis(), dataset);
        Examples measured = switch (split) {
            case "train" -> dataset.train();
            case "test" -> dataset.test();
            default -> dataset.validation();
        };
        return ExpertShares.measure(original.model(), measured, 64);
    }

    /** A pruned model in memory, with its project and analysis; closing it frees the model. */
    private record Candidate(dev.netloom.graph.project.Project project, GraphAnalysis analysis, TrainedModel model)
            implements AutoCloseable {
        @Override
        public void close() {
            model.close();
        }
    }

    private static Candidate candidate(ModelArtifact.Loaded original, Map<String, int[]> kept, ProjectFile files) {
        TrainedModel model = original.model();
        ExpertPruning.Pruned pruned = ExpertPruning.prune(original.project(), model.analysis(), model.weights(), kept);
        GraphAnalysis analysis = new GraphAnalyzer(files.catalog()).analyze(pruned.project().graph());
        if (!analysis.isValid()) {
            throw new IllegalStateException("the pruned graph is not valid: " + analysis.problems().get(0));
        }
        TrainedModel smaller = TrainedModel.create(analysis, model.fieldOrder(), 0);
        try {
            smaller.setWeights(pruned.weights());
            // A model trained for a precision predicts with its weights rounded, as ModelArtifact.load does.
            QuantizationSection.read(pruned.project().section(QuantizationSection.KEY).orElse(null), analysis)
                    .filter(plan -> !plan.isFp32())
                    .ifPresent(plan -> smaller.block().quantize(new WeightQuantization(analysis, plan)));
            return new Candidate(pruned.project(), analysis, smaller);
        } catch (RuntimeException e) {
            smaller.close();
            throw e;
        }
    }

    private static int batchSize(ModelArtifact.Loaded original) {
        return Math.max(1, settingsOf(original).batchSize());
    }

    private static Evaluation fineTune(Path start, dev.netloom.graph.project.Project project, GraphAnalysis analysis,
                                       Dataset dataset, Path dataFolder, TrainingSettings settings, TrainingOverrides overrides,
                                       Path out, ProjectFile files)
            throws IOException, InputMismatchException, TrainingException, AdaptationException {
        TrainingSettings tuning = overrides.applyTo(settings);
        try (ModelAdaptation from = ModelAdaptation.prepare(AdaptationSettings.NONE.withStartFrom(start.toString()),
                dataFolder, analysis, dataset, files, tuning.batchSize())) {
            ModelTraining training = ModelTraining.prepare(project, analysis, from.dataset(dataset), tuning).adaptedBy(from);
            ModelTraining.Outcome outcome = training.trainAndWrite(out, dataFolder, files);
            if (outcome.artifact() == null) {
                throw new TrainingException("the fine-tune was stopped before it ended; no model was written");
            }
            return outcome.test();
        }
    }

    /**
     * Where the pruned model before its fine-tune is written: {@code OUT-pruned} beside {@code out}
     * when there is a fine-tune, else {@code out} itself.
     */
    public static Path prunedOnlyFolder(Path out, int fineTuneEpochs) {
        return fineTuneEpochs > 0 ? out.resolveSibling(out.getFileName() + "-pruned") : out;
    }

    /** The settings the original was trained with: its project's training section and its recorded seed. */
    private static TrainingSettings settingsOf(ModelArtifact.Loaded original) {
        TrainingSettings s = TrainingSection.read(original.project().section("training").orElse(null));
        return s.withSeed(dev.netloom.train.artifact.RecordedData.seed(original.training()));
    }

    private static ObjectNode origin(Path source, String split, Map<String, int[]> kept, Map<String, double[]> shares) {
        ObjectNode root = JSON.createObjectNode();
        ObjectNode pruning = root.putObject("expertPruning");
        pruning.put("from", source.toAbsolutePath().toString());
        pruning.put("measuredOn", split);
        ObjectNode layers = pruning.putObject("layers");
        kept.forEach((node, experts) -> {
            ObjectNode layer = layers.putObject(node);
            layer.set("kept", JSON.valueToTree(experts));
            layer.set("shares", JSON.valueToTree(shares.get(node)));
        });
        return root;
    }

    /** "moe: 2 of 4 experts kept (81% of tokens)" per layer. */
    static String describe(Map<String, int[]> kept, Map<String, double[]> shares) {
        StringBuilder s = new StringBuilder();
        kept.forEach((node, experts) -> {
            double[] share = shares.get(node);
            double carried = Arrays.stream(experts).mapToDouble(e -> share[e]).sum();
            if (!s.isEmpty()) {
                s.append("; ");
            }
            s.append(String.format(java.util.Locale.ROOT, "%s: %d of %d experts kept (%.0f%% of tokens)", node,
                    experts.length, share.length, carried * 100));
        });
        return s.toString();
    }
}
