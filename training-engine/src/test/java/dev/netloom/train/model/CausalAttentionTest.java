package dev.netloom.train.model;

import ai.djl.Model;
import ai.djl.engine.Engine;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.ParameterStore;
import dev.netloom.graph.Edge;
import dev.netloom.graph.Graph;
import dev.netloom.graph.Node;
import dev.netloom.graph.PortRef;
import dev.netloom.graph.Position;
import dev.netloom.graph.analysis.GraphAnalysis;
import dev.netloom.graph.analysis.GraphAnalyzer;
import dev.netloom.graph.catalog.LayerCatalog;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A causal attention hides what comes later: the output read at token 2 does not move when tokens
 * 3 and 4 change, and does when token 1 changes; without the flag, token 4 moves it too (so the test
 * can tell a mask from none).
 */
class CausalAttentionTest {

    @ParameterizedTest
    @ValueSource(strings = {"MultiHeadSelfAttention", "TransformerEncoderBlock"})
    void aCausalTokenSeesOnlyItselfAndTheTokensBeforeIt(String type) {
        long[] base = {1, 2, 3, 4, 5};
        float[] causal = outputs(type, true, base, new long[] {1, 2, 3, 9, 8}, new long[] {1, 7, 3, 4, 5});
        float[] full = outputs(type, false, base, new long[] {1, 2, 3, 4, 9});

        int width = 3;
        assertThat(slice(causal, 1, width)).as("later tokens changed").containsExactly(slice(causal, 0, width),
                org.assertj.core.data.Offset.offset(1e-6f));
        assertThat(maxDifference(slice(causal, 2, width), slice(causal, 0, width))).as("an earlier token changed")
                .isGreaterThan(1e-4f);
        assertThat(maxDifference(slice(full, 1, width), slice(full, 0, width))).as("without the mask, a later token")
                .isGreaterThan(1e-4f);
    }

    /** The head's outputs for each sequence of ids, one batch. */
    private static float[] outputs(String type, boolean causal, long[]... sequences) {
        Graph graph = new Graph(List.of(
                new Node("in", "Tokens", Map.of("length", 5, "vocabulary", 10), Position.ORIGIN, ""),
                new Node("emb", "Embedding", Map.of("dim", 8), Position.ORIGIN, ""),
                new Node("att", type, Map.of("heads", 2, "causal", causal, "dropout", 0.0), Position.ORIGIN, ""),
                new Node("take", "TakeToken", Map.of("index", 2), Position.ORIGIN, ""),
                new Node("head", "Regression", Map.of("outputs", 3), Position.ORIGIN, "")),
                List.of(edge("in", "emb"), edge("emb", "att"), edge("att", "take"), edge("take", "head")));
        GraphAnalysis analysis = new GraphAnalyzer(LayerCatalog.standard()).analyze(graph);
        assertThat(analysis.problems()).isEmpty();
        Engine.getInstance().setRandomSeed(3);
        GraphBlock block = new GraphBlock(analysis);
        try (Model model = Model.newInstance("causal")) {
            model.setBlock(block);
            NDManager m = model.getNDManager();
            long[] ids = new long[sequences.length * 5];
            for (int i = 0; i < sequences.length; i++) {
                System.arraycopy(sequences[i], 0, ids, i * 5, 5);
            }
            Shape shape = new Shape(sequences.length, 5);
            block.initialize(m, DataType.FLOAT32, shape);
            NDList out = block.forward(new ParameterStore(m, false), new NDList(m.create(ids, shape)), false);
            return out.get(0).toFloatArray();
        }
    }

    private static Edge edge(String from, String to) {
        return new Edge(PortRef.parse(from + ".out"), PortRef.parse(to + ".in"));
    }

    private static float[] slice(float[] values, int row, int width) {
        return java.util.Arrays.copyOfRange(values, row * width, (row + 1) * width);
    }

    private static float maxDifference(float[] a, float[] b) {
        float max = 0;
        for (int i = 0; i < a.length; i++) {
            max = Math.max(max, Math.abs(a[i] - b[i]));
        }
        return max;
    }
}
