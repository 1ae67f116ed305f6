package dev.netloom.train;

import dev.netloom.graph.analysis.GraphAnalysis;
import dev.netloom.graph.artifact.Tensor;
import dev.netloom.train.data.Examples;
import dev.netloom.train.data.Field;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/** A frozen BatchNorm keeps its running statistics: it normalises with them and never overwrites them. */
class FrozenBatchNormTest {

    private static GraphAnalysis net(int classes) {
        return Sketch.graph()
                .node("in", "Image", "height", 8, "width", 8, "channels", 1)
                .node("conv", "Conv2d", "filters", 4, "kernel", 3, "padding", 1)
                .node("bn", "BatchNorm")
                .node("act", "Activation")
                .node("flat", "Flatten")
                .node("head", "Classification", "classes", classes)
                .chain("in", "conv", "bn", "act", "flat", "head").analyze();
    }

    private static final TrainingSettings SETTINGS = TrainingSettings.defaults().withEpochs(2).withBatchSize(16)
            .withLearningRate(0.01);

    @Test
    void runningStatisticsOfAFrozenBatchNormStayAsTheyWere() throws Exception {
        Examples[] base = ToyData.split(ToyData.quadrants(160, 8, 3), 128);
        Map<String, Tensor> pretrained;
        try (var run = new TrainingRun(net(4), base[0], base[1], List.of("image"), SETTINGS).run()) {
            pretrained = run.model().weights();
        }
        // New data whose pictures are brighter and offset: training-mode BatchNorm would move its statistics.
        Examples[] shifted = ToyData.split(brighter(ToyData.quadrants(160, 8, 4)), 128);

        Map<String, Tensor> frozen;
        try (var run = new TrainingRun(net(4), shifted[0], shifted[1], List.of("image"), SETTINGS)
                .startFrom(pretrained).freeze(Set.of("conv", "bn")).run()) {
            frozen = run.model().weights();
        }
        for (String name : List.of("bn.runningMean", "bn.runningVariance", "bn.gamma", "bn.beta", "conv.weight")) {
            assertThat(frozen.get(name)).as(name).isEqualTo(pretrained.get(name));
        }
        assertThat(frozen.get("head.weight")).isNotEqualTo(pretrained.get("head.weight"));

        // The same run with only the convolution frozen: the statistics do move, so the check above can fail.
        Map<String, Tensor> free;
        try (var run = new TrainingRun(net(4), shifted[0], shifted[1], List.of("image"), SETTINGS)
                .startFrom(pretrained).freeze(Set.of("conv")).run()) {
            free = run.model().weights();
        }
        assertThat(free.get("bn.runningMean")).isNotEqualTo(pretrained.get("bn.runningMean"));
        assertThat(free.get("bn.runningVariance")).isNotEqualTo(pretrained.get("bn.runningVariance"));
    }

    private static Examples brighter(Examples e) {
        Field f = e.fields().get(0);
        float[] v = f.floats().clone();
        for (int i = 0; i < v.length; i++) {
            v[i] = v[i] * 3f + 0.5f;
        }
        return new Examples(List.of(Field.floats(f.name(), f.kind(), f.shape(), v)), e.labels());
    }
}
