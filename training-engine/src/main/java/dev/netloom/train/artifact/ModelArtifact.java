package dev.netloom.train.artifact;

import dev.netloom.graph.artifact.ArtifactFormatException;
import dev.netloom.graph.artifact.ArtifactLayout;
import dev.netloom.graph.artifact.Tensor;
import dev.netloom.graph.artifact.Safetensors;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.netloom.graph.analysis.GraphAnalysis;
import dev.netloom.graph.analysis.GraphAnalyzer;
import dev.netloom.graph.project.Project;
import dev.netloom.graph.project.ProjectFile;
import dev.netloom.graph.project.ProjectFormatException;
import dev.netloom.train.Evaluation;
import dev.netloom.train.TrainedModel;
import dev.netloom.train.TrainingListener.EpochReport;
import dev.netloom.train.TrainingListener.RunEnd;
import dev.netloom.train.TrainingSettings;
import dev.netloom.train.data.Dataset;
import dev.netloom.train.data.Examples;
import dev.netloom.train.data.Field;
import dev.netloom.train.data.FittedPreprocessing;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * The model artifact (docs/architecture.md): a folder that export, the app and the training engine
 * itself (fine-tuning, distillation) read.
 *
 * <pre>
 * graph.json            the project with exactly the graph that was trained
 * weights.safetensors   every weight as nodeId.local
 * probe.safetensors     a fixed batch of test inputs (input.NODE) and the model's outputs (output.HEAD)
 * preprocess.json       which field feeds each input, and how fields were preprocessed
 * labels.txt            class names, one per line, in label order
 * vocab.txt             tokens in id order, when there is text
 * metrics.json          test-split evaluation and the per-epoch history
 * training.json         settings, seed, teachers and start model (adaptation), dataset fingerprint,
 *                       graph hash, versions, machine, times, end, divergence recoveries
 * </pre>
 *
 * Writing goes to a temporary sibling folder that is renamed into place, so a crash never leaves
 * half an artifact. Loading rebuilds the model and checks that it reproduces the probe outputs
 * exactly, so a damaged or mismatched artifact is refused instead of giving wrong answers.
 */
public final class ModelArtifact {

    /** The artifact layout's version, recorded in training.json. */
    public static final int FORMAT_VERSION = dev.netloom.graph.artifact.ArtifactFormat.VERSION;

    /** Probe rows: enough to catch a wrong weight or layout, small enough to keep the file tiny. */
    public static final int PROBE_ROWS = 8;

    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    /**
     * What a finished run writes.
     *
     * @param project the project trained, with its graph
     * @param model the trained model
     * @param dataset the data it was trained on (class names, preprocessing, vocabulary, fingerprint, test split)
     * @param settings the training settings
     * @param end how the run ended
     * @param history per-epoch reports
     * @param test the test-split evaluation
     * @param started when the run started
     * @param ended when it ended
     * @param dataFolder the folder the data section's relative paths were read from, or null
     */
    public record Contents(Project project, TrainedModel model, Dataset dataset, TrainingSettings settings, RunEnd end,
                           List<EpochReport> history, Evaluation test, Instant started, Instant ended,
                           Path dataFolder) {
    }

    /**
     * A loaded artifact; closing it closes the model.
     *
     * @param project the trained project
     * @param model the model with its weights, probe-checked
     * @param classes class names in label order
     * @param vocabulary tokens in id order, empty without text
     * @param preprocess the preprocess.json tree
     * @param training the training.json tree
     */
    public record Loaded(Project project, TrainedModel model, List<String> classes, List<String> vocabulary,
                         JsonNode preprocess, JsonNode training) implements AutoCloseable {
        /** How this model sees data: its preprocessing, vocabulary and classes, for reading new data with. */
        public FittedPreprocessing fitted() {
            return FittedPreprocessing.of(preprocess, classes, vocabulary);
        }

        @Override
        public void close() {
            model.close();
        }
    }

    private ModelArtifact() {
    }

    /** Writes an artifact to {@code dir}, which must not exist yet. */
    public static void write(Path dir, Contents c, ProjectFile files) throws IOException {
        write(dir, c, files, null);
    }

    /**
     * Writes an artifact whose training.json also records where the run's knowledge came from
     * besides its data ({@code adaptation}: teachers, start model, loaded and frozen nodes), or
     * nothing more when it is null.
     */
    public static void write(Path dir, Contents c, ProjectFile files, JsonNode adaptation) throws IOException {
        if (Files.exists(dir)) {
            throw new IOException(dir + " already exists; choose a new folder for the model");
        }
        Path parent = dir.toAbsolutePath().getParent();
        Files.createDirectories(parent);
        String name = dir.getFileName().toString();
        dev.netloom.graph.files.WriteLeftovers.clean(parent, name); // a write killed half-way left its folder
        Path temp = Files.createTempDirectory(parent, dev.netloom.graph.files.WriteLeftovers.prefix(name, ""));
        try {
            String graphJson = files.toJson(c.project());
            Files.writeString(temp.resolve(ArtifactLayout.GRAPH), graphJson);
            String graphHash = sha256(graphJson.getBytes(StandardCharsets.UTF_8));
            Safetensors.write(temp.resolve(ArtifactLayout.WEIGHTS), c.model().weights(),
                    Map.of("format", "netloom-weights", "graphSha256", graphHash));
            writeProbe(temp.resolve(ArtifactLayout.PROBE), c.model(), c.dataset().test());
            Files.writeString(temp.resolve(ArtifactLayout.PREPROCESS), JSON.writeValueAsString(preprocess(c)));
            Files.write(temp.resolve(ArtifactLayout.LABELS), c.dataset().classes());
            if (!c.dataset().vocabulary().isEmpty()) {
                Files.write(temp.resolve(ArtifactLayout.VOCAB), c.dataset().vocabulary());
            }
            Files.writeString(temp.resolve(ArtifactLayout.METRICS), JSON.writeValueAsString(metrics(c)));
            Files.writeString(temp.resolve(ArtifactLayout.TRAINING), JSON.writeValueAsString(training(c, graphHash, adaptation)));
            Files.move(temp, dir, StandardCopyOption.ATOMIC_MOVE);
        } finally {
            if (Files.exists(temp)) {
                deleteTree(temp);
            }
        }
    }

    /**
     * Loads an artifact and checks it reproduces its probe outputs exactly; an artifact of another
     * format version is refused naming both ({@link ArtifactLayout#open}).
     */
    public static Loaded load(Path dir, ProjectFile files) throws IOException {
        ArtifactLayout layout;
        try {
            layout = ArtifactLayout.open(dir);
        } catch (ArtifactFormatException e) {
            throw new IOException(e.getMessage(), e);
        }
        Project project;
        try {
            project = files.read(layout.graph());
        } catch (ProjectFormatException e) {
            throw new IOException(e.getMessage());
        }
        GraphAnalysis analysis = new GraphAnalyzer(files.catalog()).analyze(project.graph());
        if (!analysis.isValid()) {
            throw new IOException(layout.graph() + ": the graph is not valid: " + analysis.problems().get(0));
        }
        JsonNode preprocess = JSON.readTree(layout.preprocess().toFile());
        JsonNode training = JSON.readTree(layout.training().toFile());
        List<String> fieldOrder = new ArrayList<>();
        preprocess.path("inputs").forEach(in -> fieldOrder.add(in.path("field").asText()));
        TrainedModel model = TrainedModel.create(analysis, fieldOrder, 0);
        try {
            Safetensors.Contents weights = Safetensors.read(layout.weights());
            model.setWeights(weights.tensors());
            // A model trained for a precision predicts (and made its probe) with its weights rounded.
            dev.netloom.graph.quantize.QuantizationSection.read(project.section(
                    dev.netloom.graph.quantize.QuantizationSection.KEY).orElse(null), analysis)
                    .filter(plan -> !plan.isFp32())
                    .ifPresent(plan -> model.block().quantize(new dev.netloom.train.quantize.WeightQuantization(analysis, plan)));
            checkProbe(layout.probe(), model, training.path("settings").path("threads").asInt(0));
            List<String> classes = dev.netloom.train.data.DataFiles.lines(layout.labels());
            Path vocab = layout.vocab();
            List<String> vocabulary = Files.exists(vocab) ? dev.netloom.train.data.DataFiles.lines(vocab) : List.of();
            return new Loaded(project, model, classes, vocabulary, preprocess, training);
        } catch (IOException | RuntimeException e) {
            model.close();
            throw e instanceof IOException io ? io : new IOException(dir + ": " + e.getMessage(), e);
        }
    }

    private static void writeProbe(Path file, TrainedModel model, Examples test) throws IOException {
        int rows = Math.min(PROBE_ROWS, test.size());
        int[] picked = java.util.stream.IntStream.range(0, rows).toArray();
        Examples probe = test.select(picked);
        Map<String, Tensor> tensors = new LinkedHashMap<>();
        List<String> inputs = model.block().inputIds();
        for (int i = 0; i < inputs.size(); i++) {
            Field f = probe.field(model.fieldOrder().get(i)).orElseThrow();
            long[] shape = new long[f.shape().length + 1];
            shape[0] = rows;
            for (int d = 0; d < f.shape().length; d++) {
                shape[d + 1] = f.shape()[d];
            }
            tensors.put("input." + inputs.get(i), f.numeric() ? Tensor.of(f.floats(), shape)
                    : Tensor.ofLongs(f.ids(), shape));
        }
        float[][] out = model.predict(probe, picked);
        String head = model.block().headIds().get(0);
        java.util.List<Integer> dims = model.analysis().report(head).orElseThrow().out().dims();
        long[] outShape = new long[dims.size() + 1]; // a per-position head's outputs keep their [K, H, W] or [T, K]
        outShape[0] = rows;
        for (int d = 0; d < dims.size(); d++) {
            outShape[d + 1] = dims.get(d);
        }
        tensors.put("output." + head, Tensor.of(flatten(out), outShape));
        Safetensors.write(file, tensors, Map.of("format", "netloom-probe"));
    }

    /**
     * Checks the probe computed with the thread count the model was trained (and its probe written)
     * with: libtorch splits a convolution's sums differently with another count, so a model
     * trained on one thread gave outputs a last bit off on two (and was refused) in a fresh process.
     */
    private static void checkProbe(Path file, TrainedModel model, int threads) throws IOException {
        int before = ai.djl.pytorch.jni.JniUtils.getNumThreads();
        if (threads > 0) {
            ai.djl.pytorch.jni.JniUtils.setNumThreads(threads);
        }
        try {
            checkProbe(file, model);
        } finally {
            ai.djl.pytorch.jni.JniUtils.setNumThreads(before);
        }
    }

    private static void checkProbe(Path file, TrainedModel model) throws IOException {
        Map<String, Tensor> probe = Safetensors.readTensors(file);
        List<Field> fields = new ArrayList<>();
        int rows = -1;
        List<String> inputs = model.block().inputIds();
        for (int i = 0; i < inputs.size(); i++) {
            Tensor t = probe.get("input." + inputs.get(i));
            if (t == null) {
                throw new IOException(file + ": no probe input for " + inputs.get(i));
            }
            rows = (int) t.shape()[0];
            int[] shape = new int[t.shape().length - 1];
            for (int d = 0; d < shape.length; d++) {
                shape[d] = (int) t.shape()[d + 1];
            }
            String field = model.fieldOrder().get(i);
            fields.add(t.floats() != null ? Field.floats(field, kindOf(shape), shape, t.floats())
                    : Field.tokens(field, shape[0], t.longs()));
        }
        String head = "output." + model.block().headIds().get(0);
        Tensor expected = probe.get(head);
        if (expected == null || rows < 0) {
            throw new IOException(file + ": the probe has no " + head);
        }
        float[] actual = flatten(model.predict(new Examples(fields, new int[rows]),
                java.util.stream.IntStream.range(0, rows).toArray()));
        for (int i = 0; i < actual.length; i++) {
            if (Float.floatToIntBits(actual[i]) != Float.floatToIntBits(expected.floats()[i])) {
                throw new IOException(file + ": the model does not reproduce its probe: " + head + "[" + i + "] is "
                        + actual[i] + ", the artifact recorded " + expected.floats()[i]);
            }
        }
    }

    private static dev.netloom.train.data.FieldKind kindOf(int[] shape) {
        return shape.length == 3 ? dev.netloom.train.data.FieldKind.IMAGE : dev.netloom.train.data.FieldKind.FEATURES;
    }

    private static ObjectNode preprocess(Contents c) {
        ObjectNode root = JSON.createObjectNode();
        ArrayNode inputs = root.putArray("inputs");
        List<String> ids = c.model().block().inputIds();
        for (int i = 0; i < ids.size(); i++) {
            ObjectNode in = inputs.addObject();
            in.put("node", ids.get(i));
            in.put("field", c.model().fieldOrder().get(i));
            in.set("shape", JSON.valueToTree(c.model().analysis().report(ids.get(i)).orElseThrow().out().dims()));
        }
        root.set("fields", JSON.valueToTree(c.dataset().preprocessing()));
        return root;
    }

    private static ObjectNode metrics(Contents c) {
        ObjectNode root = JSON.createObjectNode();
        Evaluation t = c.test();
        ObjectNode test = root.putObject("test");
        test.put("examples", t.examples());
        test.put("loss", t.loss());
        test.put("accuracy", t.accuracy());
        test.put("topK", t.topK());
        test.put("topKAccuracy", t.topKAccuracy());
        test.put("macroF1", t.macroF1());
        if (t.perPosition()) { // per pixel or token: the accuracy above is pixel accuracy
            test.put("meanIoU", t.meanIoU());
        }
        test.set("perClass", JSON.valueToTree(t.perClass()));
        test.set("confusion", JSON.valueToTree(t.confusion()));
        root.put("bestValidationAccuracy", c.end().bestValidationAccuracy());
        com.fasterxml.jackson.databind.node.ArrayNode history = JSON.valueToTree(c.history());
        // Only a per-position head has a mean IoU; other runs' history keeps its old keys (no NaN written).
        for (int i = 0; i < c.history().size(); i++) {
            if (!c.history().get(i).hasMeanIoU()) {
                ((ObjectNode) history.get(i)).remove("validationMeanIoU");
            }
        }
        root.set("history", history);
        return root;
    }

    private static ObjectNode training(Contents c, String graphHash, JsonNode adaptation) {
        ObjectNode root = JSON.createObjectNode();
        root.put("formatVersion", FORMAT_VERSION);
        root.put("graphSha256", graphHash);
        root.set("settings", JSON.valueToTree(c.settings()));
        root.put("seed", c.settings().seed());
        if (adaptation != null) {
            root.set("adaptation", adaptation);
        }
        ObjectNode data = root.putObject("dataset");
        data.put("name", c.dataset().name());
        data.put("fingerprint", c.dataset().fingerprint());
        data.put("train", c.dataset().train().size());
        data.put("validation", c.dataset().validation().size());
        data.put("test", c.dataset().test().size());
        data.put("skipped", c.dataset().report().skippedCount());
        if (c.dataFolder() != null) {
            data.put("folder", c.dataFolder().toAbsolutePath().toString());
        }
        ObjectNode end = root.putObject("end");
        end.put("reason", c.end().reason().name());
        end.put("message", c.end().message());
        end.put("epochsRun", c.end().epochsRun());
        // Each divergence the run recovered from: where, why, and the learning rate before and after.
        com.fasterxml.jackson.databind.node.ArrayNode recoveries = root.putArray("recoveries");
        c.end().recoveries().forEach(r -> {
            ObjectNode o = recoveries.addObject();
            o.put("step", r.step());
            o.put("epoch", r.epoch());
            o.put("cause", r.cause());
            if (Double.isFinite(r.loss())) {
                o.put("loss", r.loss());
            } else {
                o.put("loss", String.valueOf(r.loss())); // JSON has no NaN: "NaN", "Infinity"
            }
            o.put("rolledBackTo", r.rolledBackTo());
            o.put("learningRateBefore", r.learningRateBefore());
            o.put("learningRateAfter", r.learningRateAfter());
        });
        root.put("started", c.started().toString());
        root.put("ended", c.ended().toString());
        ObjectNode versions = root.putObject("versions");
        versions.put("netloom", String.valueOf(ModelArtifact.class.getPackage().getImplementationVersion()));
        versions.put("djl", ai.djl.engine.Engine.getDjlVersion());
        versions.put("engine", ai.djl.engine.Engine.getInstance().getEngineName() + " "
                + ai.djl.engine.Engine.getInstance().getVersion());
        versions.put("java", System.getProperty("java.version"));
        ObjectNode machine = root.putObject("machine");
        machine.put("os", System.getProperty("os.name") + " " + System.getProperty("os.version"));
        machine.put("arch", System.getProperty("os.arch"));
        machine.put("cores", Runtime.getRuntime().availableProcessors());
        return root;
    }

    private static float[] flatten(float[][] rows) {
        int width = rows.length == 0 ? 0 : rows[0].length;
        float[] flat = new float[rows.length * width];
        for (int i = 0; i < rows.length; i++) {
            System.arraycopy(rows[i], 0, flat, i * width, width);
        }
        return flat;
    }

    static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java has SHA-256", e);
        }
    }

    private static void deleteTree(Path root) throws IOException {
        try (Stream<Path> walk = Files.walk(root)) {
            for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }
}
