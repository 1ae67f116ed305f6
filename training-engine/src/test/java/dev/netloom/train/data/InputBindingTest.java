package dev.netloom.train.data;

import dev.netloom.graph.Graph;
import dev.netloom.graph.Node;
import dev.netloom.graph.Position;
import dev.netloom.graph.analysis.GraphAnalysis;
import dev.netloom.graph.analysis.GraphAnalyzer;
import dev.netloom.graph.catalog.LayerCatalog;
import dev.netloom.train.data.qa.ShapesQa;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class InputBindingTest {

    private static final GraphAnalyzer ANALYZER = new GraphAnalyzer(LayerCatalog.standard());

    private static Node image(String id, int c, int h, int w) {
        return new Node(id, "Image", Map.of("channels", c, "height", h, "width", w), Position.ORIGIN, "");
    }

    private static Node tokens(String id, int length, int vocabulary) {
        return new Node(id, "Tokens", Map.of("length", length, "vocabulary", vocabulary), Position.ORIGIN, "");
    }

    private static GraphAnalysis inputs(Node... nodes) {
        return ANALYZER.analyze(new Graph(List.of(nodes), List.of()));
    }

    private static Dataset dataset(List<Field> fields, List<String> vocabulary) {
        Examples e = new Examples(fields, new int[] {0});
        return new Dataset("d", e, e, e, List.of("a"), Map.of(), vocabulary, "f", new DataReport());
    }

    private static Field picture(String name, int c, int h, int w) {
        return Field.floats(name, FieldKind.IMAGE, new int[] {c, h, w}, new float[c * h * w]);
    }

    @Test
    void aRequestAsksForWhatTheInputsTake() {
        GraphAnalysis a = inputs(image("img", 3, 32, 32), tokens("question", 12, 300),
                new Node("row", "Tabular", Map.of("features", 7), Position.ORIGIN, ""));
        assertThat(InputBinding.request(a, 9)).isEqualTo(new DataRequest(3, 32, 32, 12, 300, 7, 9));
        assertThat(InputBinding.request(inputs(), 1)).isEqualTo(new DataRequest(0, 0, 0, 0, 0, 0, 1));
    }

    @Test
    void oneFieldPerKindBindsWhateverItsName() throws Exception {
        GraphAnalysis a = inputs(image("img", 3, 32, 32), tokens("q", 8, 64));
        Dataset shapes = new ShapesQa(50, 0.1, 0.1).read(InputBinding.request(a, 3));
        assertThat(InputBinding.bind(a, shapes).fieldOfInput()).containsExactly(Map.entry("img", "image"),
                Map.entry("q", "question"));
    }

    @Test
    void severalInputsOfAKindBindByName() throws InputMismatchException {
        GraphAnalysis a = inputs(image("left", 1, 4, 4), image("right", 1, 4, 4));
        Dataset d = dataset(List.of(picture("right", 1, 4, 4), picture("left", 1, 4, 4)), List.of());
        assertThat(InputBinding.bind(a, d).fieldOfInput()).containsExactly(Map.entry("left", "left"),
                Map.entry("right", "right"));
        Dataset other = dataset(List.of(picture("a", 1, 4, 4), picture("b", 1, 4, 4)), List.of());
        assertThatThrownBy(() -> InputBinding.bind(a, other)).isInstanceOf(InputMismatchException.class)
                .hasMessage("input left expects pictures from a field named \"left\" or \"left\", the dataset has a, b");
    }

    @Test
    void mismatchesAreOneLineNamingTheInputAndTheShapes() {
        assertThatThrownBy(() -> InputBinding.bind(inputs(image("image", 1, 28, 28)),
                dataset(List.of(picture("image", 3, 32, 32)), List.of())))
                .hasMessage("input image expects pictures of [1, 28, 28], the dataset gives [3, 32, 32]");
        assertThatThrownBy(() -> InputBinding.bind(inputs(tokens("q", 16, 64)),
                dataset(List.of(Field.tokens("question", 8, new long[8])), List.of())))
                .hasMessage("input q expects 16 tokens per text, the dataset gives 8");
        List<String> big = new ArrayList<>();
        for (int i = 0; i < 100; i++) {
            big.add("t" + i);
        }
        assertThatThrownBy(() -> InputBinding.bind(inputs(tokens("q", 8, 64)),
                dataset(List.of(Field.tokens("question", 8, new long[8])), big)))
                .hasMessage("input q has a vocabulary of 64 tokens, the dataset's tokenizer has 100");
        assertThatThrownBy(() -> InputBinding.bind(
                inputs(new Node("row", "Tabular", Map.of("features", 7), Position.ORIGIN, "")),
                dataset(List.of(Field.floats("features", FieldKind.FEATURES, new int[] {5}, new float[5])), List.of())))
                .hasMessage("input row expects 7 features, the dataset gives 5 (numbers plus one-hot categories)");
        assertThatThrownBy(() -> InputBinding.bind(inputs(tokens("q", 8, 64)),
                dataset(List.of(picture("image", 1, 2, 2)), List.of())))
                .hasMessage("input q expects token ids, the dataset has none");
        assertThatThrownBy(() -> InputBinding.bind(inputs(), dataset(List.of(picture("image", 1, 2, 2)), List.of())))
                .hasMessage("the graph has no input node");
    }
}
