package dev.netloom.train;

import dev.netloom.graph.analysis.GraphAnalysis;
import dev.netloom.graph.analysis.GraphAnalyzer;
import dev.netloom.graph.artifact.Tensor;
import dev.netloom.graph.catalog.LayerCatalog;
import dev.netloom.graph.project.Project;
import dev.netloom.train.data.Examples;
import dev.netloom.train.experts.ExpertPruning;
import dev.netloom.train.experts.KeepRule;
import org.junit.jupiter.api.Test;

import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

/** Expert pruning: which experts stay, the smaller graph and router, and a model that still computes the same. */
class ExpertPruningTest {

    private static GraphAnalysis moe(int experts, int topK) {
        return Sketch.graph()
                .node("in", "Tokens", "length", 8, "vocabulary", 16)
                .node("emb", "Embedding", "dim", 8)
                .node("moe", "MoE", "experts", experts, "topK", topK, "hidden", 16)
                .node("pool", "GlobalAvgPool")
                .node("head", "Classification", "classes", 3)
                .chain("in", "emb", "moe", "pool", "head").analyze();
    }

    @Test
    void keepingTheExpertsEveryTokenPicksLeavesThePredictionsAsTheyWere() {
        GraphAnalysis analysis = moe(5, 2);
        Examples data = ToyData.tokens(40, 8, 16, 7);
        int[] rows = IntStream.range(0, data.size()).toArray();
        try (TrainedModel original = TrainedModel.create(analysis, List.of("text"), 3)) {
            // Feature 0 of every token is 1, and the router scores it +1000 for experts 1 and 4 and -1000
            // for the others: every token's top-2 are experts 1 and 4, whatever its other features say.
            Map<String, Tensor> w = new HashMap<>(original.weights());
            float[] emb = w.get("emb.weight").floats().clone();
            for (int token = 0; token < 16; token++) {
                emb[token * 8] = 1f;
            }
            w.put("emb.weight", Tensor.of(emb, 16, 8));
            float[] router = w.get("moe.router.weight").floats().clone(); // [experts, width]
            for (int e = 0; e < 5; e++) {
                router[e * 8] = (e == 1 || e == 4) ? 1000f : -1000f;
            }
            w.put("moe.router.weight", Tensor.of(router, 5, 8));
            original.setWeights(w);
            float[][] before = original.predict(data, rows);
            ExpertShares shares = ExpertShares.measure(original, data, 16);
            assertThat(shares.shares("moe")).containsExactly(new double[] {0, 0.5, 0, 0, 0.5}, within(1e-12));
            Map<String, int[]> kept = KeepRule.keep(2).choose(shares);
            assertThat(kept.get("moe")).containsExactly(1, 4);

            ExpertPruning.Pruned pruned = ExpertPruning.prune(Project.of("m", analysis.graph()), analysis, w, kept);

            var node = pruned.project().graph().requireNode("moe");
            assertThat(node.params()).containsEntry("experts", 2).containsEntry("topK", 2);
            // The router keeps rows 1 and 4, and expert 4 is now expert 1.
            assertThat(pruned.weights().get("moe.router.weight").shape()).containsExactly(2, 8);
            assertThat(pruned.weights().get("moe.router.weight").floats())
                    .containsExactly(concat(row(router, 1, 8), row(router, 4, 8)));
            assertThat(pruned.weights().get("moe.expert0.up.weight")).isEqualTo(w.get("moe.expert1.up.weight"));
            assertThat(pruned.weights().get("moe.expert1.down.bias")).isEqualTo(w.get("moe.expert4.down.bias"));
            assertThat(pruned.weights()).doesNotContainKeys("moe.expert2.up.weight", "moe.expert4.up.weight");
            assertThat(pruned.weights().get("head.weight")).isEqualTo(w.get("head.weight"));

            GraphAnalysis smaller = new GraphAnalyzer(LayerCatalog.standard()).analyze(pruned.project().graph());
            assertThat(smaller.isValid()).isTrue();
            assertThat(smaller.total().parameters()).isEqualTo(analysis.total().parameters()
                    - 3 * dev.netloom.graph.layers.MixtureOfExperts.expertParameters(8, 16) - 3 * 8);
            try (TrainedModel model = TrainedModel.create(smaller, List.of("text"), 9)) {
                model.setWeights(pruned.weights());
                float[][] after = model.predict(data, rows);
                for (int r = 0; r < rows.length; r++) {
                    for (int c = 0; c < 3; c++) {
                        assertThat(after[r][c]).as("row %d class %d", r, c).isCloseTo(before[r][c], within(1e-4f));
                    }
                }
            }
        }
    }

    @Test
    void topKFallsToTheExpertsLeftAndAMinimumShareKeepsAtLeastTheBusiestExpert() {
        GraphAnalysis analysis = moe(4, 3);
        try (TrainedModel model = TrainedModel.create(analysis, List.of("text"), 1)) {
            ExpertPruning.Pruned pruned = ExpertPruning.prune(Project.of("m", analysis.graph()), analysis, model.weights(),
                    Map.of("moe", new int[] {2}));
            assertThat(pruned.project().graph().requireNode("moe").params())
                    .containsEntry("experts", 1).containsEntry("topK", 1);
        }
        assertThat(KeepRule.minShare(0.2).choose(new double[] {0.1, 0.5, 0.25, 0.15})).containsExactly(1, 2);
        assertThat(KeepRule.minShare(0.9).choose(new double[] {0.1, 0.5, 0.25, 0.15})).containsExactly(1);
        // Equal shares: the lower-numbered expert stays, so the choice is the same on every run.
        assertThat(KeepRule.keep(2).choose(new double[] {0.25, 0.25, 0.25, 0.25})).containsExactly(0, 1);
    }

    @Test
    void impossibleChoicesAreRefusedInOneLine() {
        GraphAnalysis analysis = moe(4, 2);
        try (TrainedModel model = TrainedModel.create(analysis, List.of("text"), 1)) {
            Project project = Project.of("m", analysis.graph());
            Map<String, Tensor> w = model.weights();
            assertThatThrownBy(() -> ExpertPruning.prune(project, analysis, w, Map.of("moe", new int[] {3, 1})))
                    .hasMessage("moe: experts to keep must be distinct, in increasing order, from 0 to 3; got [3, 1]");
            assertThatThrownBy(() -> ExpertPruning.prune(project, analysis, w, Map.of("emb", new int[] {0})))
                    .hasMessage("emb (Embedding) is not a Mixture-of-Experts layer");
        }
        assertThatThrownBy(() -> KeepRule.keep(5).choose(new double[4]))
                .hasMessage("--keep 5 is more than the 4 experts a layer has");
        assertThatThrownBy(() -> KeepRule.keep(0)).hasMessage("--keep must be at least 1, got 0");
        assertThatThrownBy(() -> KeepRule.minShare(1.5)).hasMessageStartingWith("--min-share must be from 0 to below 1");
    }

    private static float[] row(float[] m, int r, int width) {
        return Arrays.copyOfRange(m, r * width, (r + 1) * width);
    }

    private static float[] concat(float[] a, float[] b) {
        float[] out = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }
}
