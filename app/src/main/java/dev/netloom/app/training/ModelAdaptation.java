package dev.netloom.app.training;

import dev.netloom.graph.Edge;
import dev.netloom.graph.analysis.GraphAnalysis;
import dev.netloom.graph.artifact.Tensor;
import dev.netloom.graph.catalog.Category;
import dev.netloom.graph.project.ProjectFile;
import dev.netloom.train.AdaptationSettings;
import dev.netloom.train.Evaluation;
import dev.netloom.train.TrainedModel;
import dev.netloom.train.TrainingRun;
import dev.netloom.train.WeightMatch;
import dev.netloom.train.artifact.ModelArtifact;
import dev.netloom.train.data.Dataset;
import dev.netloom.train.data.Field;
import dev.netloom.train.data.PictureStatistics;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Deque;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Distillation and fine-tuning for one run, resolved against its graph and dataset: the one place
 * that turns {@link AdaptationSettings} (from the training section, {@code netloom train
 * --teacher / --start-from / --freeze / --freeze-up-to}, or the Train view) into teachers and start
 * weights on a {@link TrainingRun}, and refuses, in one line with the reason, a teacher whose
 * classes differ from the data's, a start model none of whose weights fit the graph, or a node
 * that cannot be frozen.
 *
 * <p>Life: {@link #prepare} (loads and checks every model), {@link #report()} to print or show,
 * {@link #applyTo} the run, train, then {@link #close()} (the teachers hold native memory).
 */
public final class ModelAdaptation implements AutoCloseable {

    private final AdaptationSettings settings;
    private final List<ModelArtifact.Loaded> teachers;
    private final WeightMatch match;
    private final Set<String> frozen;
    private final AdaptationReport report;
    private final Dataset dataset;

    private ModelAdaptation(AdaptationSettings settings, List<ModelArtifact.Loaded> teachers, WeightMatch match,
                            Set<String> frozen, AdaptationReport report, Dataset dataset) {
        this.dataset = dataset;
        this.settings = settings;
        this.teachers = teachers;
        this.match = match;
        this.frozen = frozen;
        this.report = report;
    }

    /** Nothing to take besides the data. */
    public static ModelAdaptation none() {
        return new ModelAdaptation(AdaptationSettings.NONE, List.of(), null, Set.of(), AdaptationReport.NONE, null);
    }

    /**
     * Loads the teachers and the start model and checks them against the graph and the dataset.
     *
     * @param folder the folder relative model paths are read from (the project's)
     * @param batchSize the batch size to score the teachers with
     */
    public static ModelAdaptation prepare(AdaptationSettings s, Path folder, GraphAnalysis analysis, Dataset dataset,
                                          ProjectFile files, int batchSize) throws AdaptationException {
        List<ModelArtifact.Loaded> loaded = new ArrayList<>();
        Dataset trainOn = dataset;
        try {
            List<AdaptationReport.Teacher> scores = new ArrayList<>();
            for (String p : s.teachers()) {
                Path dir = resolve(folder, p);
                ModelArtifact.Loaded teacher = load("teacher", dir, files);
                loaded.add(teacher);
                checkTeacher(dir, teacher, dataset);
            }
            // Pictures are standardised as the start model saw its own, else as the (first) teacher did.
            dev.netloom.train.data.FittedPreprocessing seenAs = null;
            String seenBy = null;
            WeightMatch match = null;
            Set<String> frozen = Set.of();
            List<String> frozenWithWeights = List.of();
            String headNote = null;
            String start = null;
            if (s.startsFromModel()) {
                Path dir = resolve(folder, s.startFrom());
                start = dir.toString();
                Map<String, Tensor> weights;
                List<String> startClasses;
                try (ModelArtifact.Loaded model = load("start model", dir, files)) {
                    weights = model.model().weights();
                    startClasses = model.classes();
                    trainOn = PictureStatistics.adopt(dataset, model.fitted());
                    seenAs = model.fitted();
                    seenBy = "the start model";
                }
                Set<String> recreate = new LinkedHashSet<>();
                if (!startClasses.equals(dataset.classes())) {
                    recreate.addAll(heads(analysis));
                    headNote = "head " + String.join(", ", recreate) + " re-created for this data's "
                            + dataset.classes().size() + " classes (" + abbreviated(dataset.classes())
                            + "); the start model's were " + abbreviated(startClasses);
                }
                match = WeightMatch.of(analysis, weights, recreate);
                if (match.loaded().isEmpty()) {
                    throw new AdaptationException("start model " + dir + ": none of its weights fit this graph (no node "
                            + "with the same id and weight shapes" + (recreate.isEmpty() ? "" : " besides the head")
                            + "): nothing to start from");
                }
                frozen = frozenNodes(s, analysis, match);
                Set<String> f = frozen;
                List<String> fromStart = match.loaded();
                frozenWithWeights = analysis.graph().nodes().stream().map(n -> n.id())
                        .filter(id -> f.contains(id) && fromStart.contains(id)).toList();
            }
            if (seenAs == null && !loaded.isEmpty()) {
                seenAs = loaded.get(0).fitted();
                seenBy = "teacher " + resolve(folder, s.teachers().get(0));
                trainOn = PictureStatistics.adopt(dataset, seenAs);
            }
            for (int t = 0; t < loaded.size(); t++) {
                Path dir = resolve(folder, s.teachers().get(t));
                checkPictureStatistics(dir, loaded.get(t), seenAs, seenBy, dataset);
                double accuracy = Evaluation.of(loaded.get(t).model(), trainOn.validation(), trainOn.classes(), 1, 0,
                        batchSize).accuracy();
                scores.add(new AdaptationReport.Teacher(dir.toString(), accuracy));
            }
            AdaptationReport report = new AdaptationReport(scores, s.temperature(), s.distillWeight(), start,
                    match == null ? List.of() : match.loaded(), match == null ? List.of() : match.fresh(),
                    frozenWithWeights, headNote, trainOn == dataset ? null : pictureNote(dataset, trainOn, seenBy));
            return new ModelAdaptation(s, loaded, match, frozen, report, trainOn);
        } catch (AdaptationException | RuntimeException e) {
            loaded.forEach(ModelArtifact.Loaded::close);
            throw e;
        }
    }

    /**
     * The dataset to train on: when starting from a model, its pictures are standardised with the
     * start model's statistics, as its backbone saw its own ({@link PictureStatistics}); with a
     * teacher and no start model, with the (first) teacher's, so the teacher's soft targets come from
     * pictures as it reads them; else the dataset as read.
     */
    public Dataset dataset(Dataset read) {
        return dataset == null ? read : dataset;
    }

    /** What this run takes besides its data. */
    public AdaptationReport report() {
        return report;
    }

    /** Puts the teachers, the start weights and the frozen nodes on the run. */
    public void applyTo(TrainingRun run) {
        if (!teachers.isEmpty()) {
            List<TrainedModel> models = teachers.stream().map(ModelArtifact.Loaded::model).toList();
            run.distillFrom(models, settings.temperature(), settings.distillWeight());
        }
        if (match != null) {
            run.startFrom(match.weights()).freeze(frozen);
        }
    }

    @Override
    public void close() {
        teachers.forEach(ModelArtifact.Loaded::close);
    }

    private static Path resolve(Path folder, String path) {
        Path p = Path.of(path);
        return (p.isAbsolute() || folder == null ? p : folder.resolve(p)).toAbsolutePath().normalize();
    }

    private static ModelArtifact.Loaded load(String role, Path dir, ProjectFile files) throws AdaptationException {
        if (!Files.isRegularFile(dir.resolve("weights.safetensors")) || !Files.isRegularFile(dir.resolve("graph.json"))) {
            throw new AdaptationException(role + " " + dir + ": not a model folder (it needs graph.json and "
                    + "weights.safetensors, as netloom train writes)");
        }
        try {
            return ModelArtifact.load(dir, files);
        } catch (IOException | RuntimeException e) {
            throw new AdaptationException(role + " " + dir + ": cannot be read: " + e.getMessage());
        }
    }

    /** A teacher must predict the data's classes, in the same order, from fields the dataset has. */
    /**
     * A teacher must see pictures standardised as the student is fed them: with the start model's
     * statistics, or the first teacher's. Two models trained on pictures of other statistics cannot
     * both be fed the same numbers, so that is refused rather than one of them taught with
     * pictures it would read as darker or lighter than they are.
     */
    private static void checkPictureStatistics(Path dir, ModelArtifact.Loaded teacher,
                                               dev.netloom.train.data.FittedPreprocessing seenAs, String seenBy,
                                               Dataset dataset) throws AdaptationException {
        for (Field f : dataset.train().fields(dev.netloom.train.data.FieldKind.IMAGE)) {
            var theirs = teacher.fitted().normalisation(f.name());
            var ours = seenAs.normalisation(f.name());
            if (theirs.isPresent() && ours.isPresent() && !(Arrays.equals(theirs.get().mean(), ours.get().mean())
                    && Arrays.equals(theirs.get().std(), ours.get().std()))) {
                throw new AdaptationException("teacher " + dir + " was trained on pictures of other statistics than "
                        + seenBy + " (field \"" + f.name() + "\": mean " + Arrays.toString(theirs.get().mean()) + " vs "
                        + Arrays.toString(ours.get().mean()) + "); they cannot be fed the same pictures: use teachers "
                        + "trained on the same data as the start model");
            }
        }
    }

    private static void checkTeacher(Path dir, ModelArtifact.Loaded teacher, Dataset dataset) throws AdaptationException {
        if (!teacher.classes().equals(dataset.classes())) {
            throw new AdaptationException("teacher " + dir + " cannot teach this model: its head predicts "
                    + teacher.classes().size() + " classes (" + abbreviated(teacher.classes()) + "), the data has "
                    + dataset.classes().size() + " (" + abbreviated(dataset.classes()) + "); a teacher needs the same "
                    + "classes in the same order");
        }
        List<String> inputs = teacher.model().block().inputIds();
        for (int i = 0; i < inputs.size(); i++) {
            String name = teacher.model().fieldOrder().get(i);
            Field field = dataset.train().field(name).orElse(null);
            if (field == null) {
                throw new AdaptationException("teacher " + dir + " reads field \"" + name + "\", which this data does "
                        + "not have");
            }
            int[] wants = teacher.model().analysis().report(inputs.get(i)).orElseThrow().out().dims().stream()
                    .mapToInt(Integer::intValue).toArray();
            if (!Arrays.equals(wants, field.shape())) {
                throw new AdaptationException("teacher " + dir + ": its input " + inputs.get(i) + " expects "
                        + Arrays.toString(wants) + ", the data gives " + Arrays.toString(field.shape()));
            }
        }
    }

    /** The start model's picture statistics that replaced the data's own, or null when nothing changed. */
    private static String pictureNote(Dataset read, Dataset adopted, String seenBy) {
        List<String> fields = new ArrayList<>();
        adopted.preprocessing().forEach((field, entry) -> {
            if (!java.util.Objects.equals(entry, read.preprocessing().get(field)) && entry instanceof Map<?, ?> m) {
                fields.add(field + " mean " + m.get("mean") + ", std " + m.get("std"));
            }
        });
        return fields.isEmpty() ? null : "pictures standardised with the statistics of " + seenBy + ", as its weights saw "
                + "them (" + String.join("; ", fields) + ")";
    }

    private static List<String> heads(GraphAnalysis analysis) {
        return analysis.reports().values().stream().filter(r -> r.spec().category() == Category.HEADS)
                .map(r -> r.node().id()).toList();
    }

    /** The nodes to freeze: the ones named, or one and all before it; each must exist and be loaded. */
    private static Set<String> frozenNodes(AdaptationSettings s, GraphAnalysis analysis, WeightMatch match)
            throws AdaptationException {
        List<String> ids = analysis.graph().nodes().stream().map(n -> n.id()).toList();
        Set<String> chosen = new LinkedHashSet<>(s.freeze());
        if (s.freezeUpTo() != null) {
            chosen.add(s.freezeUpTo());
        }
        for (String id : chosen) {
            if (!ids.contains(id)) {
                throw new AdaptationException("cannot freeze " + id + ": the graph has no such node (nodes: "
                        + String.join(", ", ids) + ")");
            }
        }
        if (s.freezeUpTo() != null) {
            chosen = upstream(analysis, s.freezeUpTo());
        }
        for (String id : chosen) {
            if (match.fresh().contains(id)) {
                throw new AdaptationException("cannot freeze " + id + ": its weights are new (the start model has none "
                        + "that fit), so frozen they would stay random");
            }
        }
        return chosen;
    }

    /** A node and every node that feeds it, directly or not. */
    private static Set<String> upstream(GraphAnalysis analysis, String node) {
        Set<String> seen = new LinkedHashSet<>();
        Deque<String> todo = new ArrayDeque<>(List.of(node));
        while (!todo.isEmpty()) {
            String id = todo.pop();
            if (seen.add(id)) {
                for (Edge e : analysis.graph().edges()) {
                    if (e.to().nodeId().equals(id)) {
                        todo.push(e.from().nodeId());
                    }
                }
            }
        }
        return seen;
    }

    private static String abbreviated(List<String> classes) {
        return classes.size() <= 6 ? String.join(", ", classes)
                : String.join(", ", classes.subList(0, 5)) + ", ... " + classes.get(classes.size() - 1);
    }
}
