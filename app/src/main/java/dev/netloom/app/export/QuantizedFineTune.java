package dev.netloom.app.export;

import com.fasterxml.jackson.databind.JsonNode;
import dev.netloom.app.training.AdaptationException;
import dev.netloom.app.training.ModelAdaptation;
import dev.netloom.app.training.ModelTraining;
import dev.netloom.devices.PrecisionPlan;
import dev.netloom.export.Artifact;
import dev.netloom.export.ExportException;
import dev.netloom.graph.Precision;
import dev.netloom.graph.analysis.GraphAnalysis;
import dev.netloom.graph.project.Project;
import dev.netloom.graph.project.ProjectFile;
import dev.netloom.graph.quantize.QuantizationPlan;
import dev.netloom.graph.quantize.QuantizationSection;
import dev.netloom.graph.quantize.WeightRule;
import dev.netloom.train.AdaptationSettings;
import dev.netloom.train.TrainingException;
import dev.netloom.train.TrainingListener;
import dev.netloom.train.TrainingSection;
import dev.netloom.train.TrainingSettings;
import dev.netloom.train.data.Dataset;

import java.io.IOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.function.Consumer;

/**
 * A short quantization-aware fine-tune for a precision plan, for {@code netloom export --precision
 * auto --fine-tune-epochs N}: when the plan auto chose loses more accuracy than allowed, the model
 * is trained a few epochs more from its own weights ({@code --start-from}) with every layer's
 * weights rounded as the plan exports them ({@code --quantize PLAN}), on the artifact's own data
 * and seed, as {@code netloom train} would. The new model folder records the plan, so its export
 * rounds exactly as it trained.
 */
public final class QuantizedFineTune {

    private QuantizedFineTune() {
    }

    /**
     * The {@code quantization} section of a precision plan: its precision for every layer, and the
     * layers set apart from it, leaving out layers whose weights stay FP32 in every export.
     */
    public static JsonNode section(PrecisionPlan plan, GraphAnalysis analysis) {
        Map<String, Precision> perNode = new LinkedHashMap<>();
        plan.perNode().forEach((id, p) -> analysis.report(id).filter(QuantizationSection::quantizable)
                .filter(r -> p != plan.defaultPrecision())
                .ifPresent(r -> perNode.put(id, p)));
        return QuantizationSection.write(new QuantizationPlan(plan.defaultPrecision(), perNode, WeightRule.defaults()));
    }

    /**
     * Trains the artifact for the plan and writes the new model folder.
     *
     * @param out the new model folder (must not exist)
     * @param epochs epochs of fine-tuning, 1 or more
     * @param progress one line per epoch
     * @return the new model folder
     * @throws ExportException with one line when the data cannot be read or training fails
     */
    public static Path run(ProjectFile files, Artifact artifact, PrecisionPlan plan, int epochs, Path out,
                           Consumer<String> progress) {
        if (epochs < 1) {
            throw new IllegalArgumentException("fine-tuning needs 1 epoch or more, got " + epochs);
        }
        GraphAnalysis analysis = artifact.analysis();
        JsonNode quantization = section(plan, analysis);
        Project project = artifact.project().withSection(QuantizationSection.KEY, quantization);
        JsonNode trainingSection = project.section("training").orElse(null);
        long seed = artifact.training().path("settings").path("seed").asLong(42);
        TrainingSettings settings = TrainingSection.read(trainingSection).withEpochs(epochs).withSeed(seed);
        // The same data and splits the model was trained and measured on (the recorded data section and seed).
        Dataset dataset = ArtifactExamples.read(artifact).dataset();
        Path folder = artifact.dir().toAbsolutePath().normalize().getParent();
        AdaptationSettings start = AdaptationSettings.NONE.withStartFrom(artifact.dir().toAbsolutePath().normalize().toString());
        progress.accept(String.format(Locale.ROOT, "Fine-tuning for %s: %d epoch%s of quantization-aware training from %s",
                quantization, epochs, epochs == 1 ? "" : "s", artifact.dir()));
        try (ModelAdaptation adapted = ModelAdaptation.prepare(start, folder, analysis, dataset, files,
                settings.batchSize())) {
            ModelTraining training = ModelTraining.prepare(project, analysis, adapted.dataset(dataset), settings)
                    .adaptedBy(adapted);
            training.run().listener(new TrainingListener() {
                @Override
                public void onEpoch(EpochReport e) {
                    progress.accept(String.format(Locale.ROOT, "  epoch %d: validation accuracy %.2f%% (with the %s weights)",
                            e.epoch(), e.validationAccuracy() * 100, plan.defaultPrecision().displayName()));
                }
            });
            ModelTraining.Outcome outcome = training.trainAndWrite(out, folder, files);
            if (outcome.artifact() == null) {
                throw new ExportException("the fine-tune stopped before it wrote a model");
            }
            return outcome.artifact();
        } catch (AdaptationException | TrainingException | IOException
                 | dev.netloom.train.data.InputMismatchException | IllegalArgumentException e) {
            throw new ExportException("fine-tuning for " + plan.defaultPrecision().displayName() + " failed: " + e.getMessage(), e);
        }
    }
}
