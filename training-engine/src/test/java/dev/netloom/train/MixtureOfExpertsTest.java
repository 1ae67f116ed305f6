package dev.netloom.train;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.nn.Parameter;
import ai.djl.training.ParameterStore;
import dev.netloom.graph.analysis.GraphAnalysis;
import dev.netloom.train.data.Examples;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** MoE routing: top-k dispatch, capacity, experts without tokens, and load balancing while training. */
class MixtureOfExpertsTest {

    private static GraphAnalysis moe(int experts, int topK, double capacity, double balance) {
        return Sketch.graph()
                .node("in", "Tokens", "length", 8, "vocabulary", 16)
                .node("emb", "Embedding", "dim", 8)
                .node("moe", "MoE", "experts", experts, "topK", topK, "hidden", 16, "capacityFactor", capacity,
                        "balanceLossWeight", balance)
                .node("pool", "GlobalAvgPool")
                .node("head", "Classification", "classes", 2)
                .chain("in", "emb", "moe", "pool", "head").analyze();
    }

    @Test
    void eachTokenGoesToTopKExpertsAndUnusedExpertsDoNoHarm() {
        Examples data = ToyData.tokens(1, 8, 16, 3); // one example: 8 tokens over 8 experts, top-1
        try (TrainedModel model = TrainedModel.create(moe(8, 1, 8.0, 0.01), List.of("text"), 1);
             NDManager m = model.model().getNDManager().newSubManager()) {
            NDList out = model.block().forward(new ParameterStore(m, false),
                    Batches.inputs(m, data, List.of("text"), new int[] {0}), false);
            assertThat(out.get(0).isNaN().any().getBoolean()).isFalse();
            long[] routed = model.block().lastRouting().get("moe");
            assertThat(routed).hasSize(8);
            assertThat(java.util.Arrays.stream(routed).sum()).isEqualTo(8); // 8 tokens x top-1
        }
    }

    @Test
    void atInferenceEveryTokenReachesItsExpertWhateverTheCapacity() {
        // Every token prefers expert 0 (its router row is huge); the training capacity would be
        // 1.0 x 8 tokens x top-1 / 2 experts = 4, but a prediction must not depend on its batch.
        GraphAnalysis analysis = Sketch.graph()
                .node("in", "Tabular", "features", 4)
                .node("fc", "Dense", "units", 16)
                .node("seq", "Reshape", "shape", List.of(8, 2))
                .node("moe", "MoE", "experts", 2, "topK", 1, "hidden", 4, "capacityFactor", 1.0)
                .node("flat", "Flatten")
                .node("head", "Classification", "classes", 2)
                .chain("in", "fc", "seq", "moe", "flat", "head").analyze();
        Examples data = ToyData.vectors(1, 4, 2, 5);
        try (TrainedModel model = TrainedModel.create(analysis, List.of("features"), 1);
             NDManager m = model.model().getNDManager().newSubManager()) {
            Parameter router = model.block().weightsByName().get("moe.router.weight");
            router.getArray().set(new float[] {1000, 1000, 0, 0}); // expert 0 scores 2000 for a token [1, 1], expert 1 zero
            Parameter fc = model.block().weightsByName().get("fc.weight");
            fc.getArray().set(new float[64]); // fc output = its bias only: the same for every row
            Parameter bias = model.block().weightsByName().get("fc.bias");
            float[] positive = new float[16];
            java.util.Arrays.fill(positive, 1f);
            bias.getArray().set(positive);

            NDArray moeOut = forwardUpTo(model, m, data, "moe");
            long[] routed = model.block().lastRouting().get("moe");
            assertThat(routed).containsExactly(8, 0);
            float[] rows = moeOut.toFloatArray(); // [1, 8, 2]
            for (int token = 0; token < 8; token++) {
                boolean processed = rows[token * 2] != 0 || rows[token * 2 + 1] != 0;
                assertThat(processed).as("token %d", token).isTrue();
            }
        }
    }

    private static NDArray forwardUpTo(TrainedModel model, NDManager m, Examples data, String node) {
        return model.block().outputOf(new ParameterStore(m, false),
                Batches.inputs(m, data, model.fieldOrder(), new int[] {0}), node);
    }

    @Test
    void theBalanceLossKeepsEveryExpertInUseWhileTraining() throws Exception {
        Examples[] data = ToyData.split(ToyData.tokens(400, 8, 16, 9), 320);
        List<Map<String, double[]>> shares = new ArrayList<>();
        TrainingSettings s = TrainingSettings.defaults().withEpochs(4).withBatchSize(32).withLearningRate(0.01);
        try (var result = new TrainingRun(moe(4, 2, 1.25, 0.05), data[0], data[1], List.of("text"), s)
                .listener(new TrainingListener() {
                    @Override
                    public void onEpoch(EpochReport epoch) {
                        shares.add(epoch.expertShare());
                    }
                }).run()) {
            double[] last = shares.get(shares.size() - 1).get("moe");
            assertThat(last).hasSize(4);
            assertThat(java.util.Arrays.stream(last).sum()).isCloseTo(1.0, org.assertj.core.data.Offset.offset(1e-9));
            for (double share : last) {
                assertThat(share).as("no expert starved: %s", java.util.Arrays.toString(last)).isGreaterThan(0.1);
            }
            assertThat(result.end().bestValidationAccuracy()).isGreaterThan(0.6);
        }
    }
}
