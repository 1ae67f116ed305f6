package dev.netloom.export.bundle;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.netloom.devices.ExampleFamily;
import dev.netloom.graph.artifact.Tensor;
import org.junit.jupiter.api.Test;

import java.awt.image.BufferedImage;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

/** Raw inputs to tensors from a manifest's preprocessing alone (docs/bundle-format.md). */
class BundleInputsTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    private static Manifest.TensorSpec spec(String name, List<Long> shape, Manifest.ElementType type, String json)
            throws Exception {
        return new Manifest.TensorSpec(name, name, shape, type, JSON.readTree(json));
    }

    private static BundleInputs inputs(List<String> vocabulary) {
        return new BundleInputs(BundleFixtures.picture(ExampleFamily.PYTHON_LINUX).manifest(), vocabulary);
    }

    @Test
    void wordsAreLowerCasedCutAtPunctuationAndPadded() throws Exception {
        var text = spec("q", List.of(-1L, 6L), Manifest.ElementType.INT64,
                "{\"kind\": \"tokens\", \"length\": 6, \"tokenizer\": \"word\"}");
        Tensor t = inputs(List.of("[PAD]", "[UNK]", "is", "it", "red", "?", "don't")).text(text, "Is it RED? Don't!");
        assertThat(t.shape()).containsExactly(1, 6);
        assertThat(t.longs()).containsExactly(2, 3, 4, 5, 6, 1);
    }

    @Test
    void bytePairMergesApplyInTheOrderTheyWereLearned() throws Exception {
        // "low" -> l o w</w>; merges (l, o) then (lo, w</w>) give one piece; "lot" keeps lo + t</w>.
        var text = spec("t", List.of(-1L, 4L), Manifest.ElementType.INT64, "{\"kind\": \"tokens\", \"length\": 4, "
                + "\"tokenizer\": \"bpe\", \"wordEnd\": \"</w>\", \"merges\": [[\"l\", \"o\"], [\"lo\", \"w</w>\"]]}");
        List<String> vocabulary = List.of("[PAD]", "[UNK]", "l", "o", "w</w>", "t</w>", "lo", "low</w>");
        assertThat(inputs(vocabulary).text(text, "low lot").longs()).containsExactly(7, 6, 5, 0);
    }

    @Test
    void tableRowsAreStandardisedInFloat32AndOneHot() throws Exception {
        var row = spec("row", List.of(-1L, 4L), Manifest.ElementType.FLOAT32, "{\"kind\": \"table\", \"columns\": ["
                + "{\"name\": \"size\", \"type\": \"number\", \"mean\": 5.1, \"std\": 0.7},"
                + "{\"name\": \"colour\", \"type\": \"category\", \"categories\": [\"blue\", \"green\", \"red\"]}]}");
        Tensor t = inputs(List.of()).row(row, Map.of("colour", "red", "size", "6.3", "label", "ignored"));
        assertThat(t.shape()).containsExactly(1, 4);
        assertThat(t.floats()).containsExactly(((float) 6.3 - (float) 5.1) / (float) 0.7, 0f, 0f, 1f);
        assertThat(BundleInputs.columns(row)).containsExactly("size", "colour");
        assertThatThrownBy(() -> inputs(List.of()).row(row, Map.of("colour", "purple", "size", "1")))
                .hasMessage("column \"colour\": \"purple\" is not a category the model knows (blue, green, red)");
        assertThatThrownBy(() -> inputs(List.of()).row(row, Map.of("colour", "red", "size", "big")))
                .hasMessage("column \"size\": \"big\" is not a number");
        assertThatThrownBy(() -> inputs(List.of()).row(row, Map.of("colour", "red")))
                .hasMessage("column \"size\": no value");
    }

    @Test
    void picturesAreScaledGreyByLumaAndStandardisedPerChannel() throws Exception {
        var grey = spec("image", List.of(-1L, 1L, 2L, 2L), Manifest.ElementType.FLOAT32,
                "{\"kind\": \"image\", \"channels\": 1, \"height\": 2, \"width\": 2, \"mean\": [0.5], \"std\": [0.25]}");
        BufferedImage picture = new BufferedImage(2, 2, BufferedImage.TYPE_INT_RGB);
        picture.setRGB(0, 0, 0xff0000);
        picture.setRGB(1, 1, 0xffffff);
        Tensor t = inputs(List.of()).picture(grey, picture);
        assertThat(t.shape()).containsExactly(1, 1, 2, 2);
        assertThat(t.floats()[0]).isCloseTo((0.299f - 0.5f) / 0.25f, within(1e-6f));
        assertThat(t.floats()[1]).isCloseTo(-2f, within(1e-6f));
        assertThat(t.floats()[3]).isCloseTo(2f, within(1e-5f));
        ObjectNode column = JSON.createObjectNode().put("kind", "image").put("column", "photo");
        assertThat(BundleInputs.column(new Manifest.TensorSpec("img", "img", List.of(-1L, 3L, 4L, 4L),
                Manifest.ElementType.FLOAT32, column))).isEqualTo("photo");
        assertThat(BundleInputs.kind(grey)).isEqualTo("image");
    }
}
