package dev.netloom.train.model;

import ai.djl.Model;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Parameter;
import ai.djl.training.ParameterStore;
import dev.netloom.graph.TensorType;
import dev.netloom.graph.analysis.GraphAnalysis;
import dev.netloom.graph.analysis.GraphAnalyzer;
import dev.netloom.graph.catalog.LayerCatalog;
import dev.netloom.graph.project.ProjectFile;
import dev.netloom.graph.project.Templates;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;

/** Every template builds, runs forward with the analysed output shapes, and holds exactly the counted weights. */
class TemplatesCompileTest {

    @org.junit.jupiter.api.Test
    void templatesThatCarryDataAndTrainingSectionsHaveValidOnes() throws Exception {
        Templates templates = new Templates(new ProjectFile(CATALOG));
        int withSections = 0;
        for (Templates.Template t : templates.all()) {
            var data = t.project().section("data");
            var training = t.project().section("training");
            if (data.isPresent()) {
                withSections++;
                dev.netloom.train.data.DataSources.reader(data.get(), java.nio.file.Path.of("."));
            }
            var settings = dev.netloom.train.TrainingSection.read(training.orElse(null));
            if (training.isPresent()) {
                // What bench/convergence.sh showed keeps the templates steady: warm-up, a clip, recovery on.
                assertThat(settings.warmupEpochs()).as(t.name() + " warm-up").isPositive();
                assertThat(settings.gradientClip()).as(t.name() + " gradient clip").isPositive();
                assertThat(settings.divergenceRecovery()).as(t.name() + " recovery").isTrue();
            }
        }
        assertThat(withSections).isEqualTo(3); // small-cnn on Fashion-MNIST, image-text-qa and image-text-moe on Shapes QA
    }

    private static final LayerCatalog CATALOG = LayerCatalog.standard();

    @ParameterizedTest
    @ValueSource(strings = {"small-cnn", "text-classifier", "image-text-qa", "moe-transformer", "image-text-moe", "mobilenet-v2",
            "ds-cnn-s", "mobilenet-v3-small", "efficientnet-b0", "resnet-18"})
    void templateBuildsWithTheCountedParametersAndRuns(String name) {
        GraphAnalysis analysis = new GraphAnalyzer(CATALOG).analyze(
                new Templates(new ProjectFile(CATALOG)).find(name).orElseThrow().project().graph());
        GraphBlock block = new GraphBlock(analysis);
        try (Model model = Model.newInstance(name)) {
            model.setBlock(block);
            NDManager m = model.getNDManager();
            int batch = name.equals("mobilenet-v2") || name.endsWith("-b0") || name.contains("-v3-") || name.startsWith("resnet")
                    ? 1 : 3;
            Shape[] shapes = block.inputIds().stream()
                    .map(id -> GraphBlock.batched(batch, analysis.report(id).orElseThrow().out())).toArray(Shape[]::new);
            block.initialize(m, DataType.FLOAT32, shapes);

            long trainable = block.weightsByName().values().stream().filter(Parameter::requiresGradient)
                    .mapToLong(p -> p.getArray().size()).sum();
            assertThat(trainable).isEqualTo(analysis.total().parameters());

            NDList inputs = new NDList();
            for (String id : block.inputIds()) {
                TensorType t = analysis.report(id).orElseThrow().out();
                Shape s = GraphBlock.batched(batch, t);
                inputs.add(t.vocabulary() > 0
                        ? m.randomInteger(0, t.vocabulary(), s, DataType.INT64)
                        : m.randomNormal(s));
            }
            NDList out = block.forward(new ParameterStore(m, false), inputs, false);
            assertThat(out).hasSize(block.headIds().size());
            for (int i = 0; i < out.size(); i++) {
                NDArray o = out.get(i);
                assertThat(o.getShape()).isEqualTo(
                        GraphBlock.batched(batch, analysis.report(block.headIds().get(i)).orElseThrow().out()));
                assertThat(o.isNaN().any().getBoolean()).isFalse();
            }
        }
    }
}
