package dev.netloom.app.training;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.netloom.graph.Precision;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** "Train for" is the quantization section's whole-model precision: written only when needed, other keys kept. */
class QuantizeChoiceTest {

    private static JsonNode json(String s) throws Exception {
        return new ObjectMapper().readTree(s);
    }

    @Test
    void theChoiceReadsAndWritesOnlyThePrecision() throws Exception {
        assertThat(QuantizeChoice.of(null)).isEqualTo(Precision.FP32);
        assertThat(QuantizeChoice.of(json("{\"nodes\": {\"a\": \"int8\"}}"))).isEqualTo(Precision.FP32);
        assertThat(QuantizeChoice.of(json("{\"precision\": \"int2\"}"))).isEqualTo(Precision.INT2);
        assertThat(QuantizeChoice.section(null, Precision.FP32)).as("no section, nothing to write").isEmpty();
        assertThat(QuantizeChoice.section(null, Precision.INT4).orElseThrow()).hasToString("{\"precision\":\"int4\"}");
        assertThat(QuantizeChoice.section(json("{\"nodes\": {\"a\": \"int8\"}, \"precision\": \"int2\", \"blockSize\": 32}"),
                Precision.INT1).orElseThrow()).hasToString("{\"precision\":\"int1\",\"nodes\":{\"a\":\"int8\"},\"blockSize\":32}");
        assertThat(QuantizeChoice.perLayer(json("{\"nodes\": {\"a\": \"int8\", \"b\": \"fp32\"}}"))).isEqualTo(2);
        assertThat(QuantizeChoice.explain(Precision.INT4, 2)).endsWith("2 layers keep the precision the project file gives them.");
    }

    @Test
    void theFormSavesTheSectionOnAChoiceNotOnLoading() throws Exception {
        List<JsonNode> saved = new ArrayList<>();
        TrainingForm form = new TrainingForm(t -> { }, saved::add);
        form.loadQuantization(json("{\"precision\": \"int4\"}"));
        assertThat(saved).isEmpty();
        assertThat(form.trainForProperty().get()).isEqualTo(Precision.INT4);
        assertThat(form.trainForLineProperty().get()).contains("INT4 export");
        form.trainForProperty().set(Precision.INT2);
        assertThat(saved).singleElement().hasToString("{\"precision\":\"int2\"}");
        assertThat(form.trainForLineProperty().get()).contains("2-bit");
        form.loadQuantization(null);
        assertThat(form.trainForProperty().get()).isEqualTo(Precision.FP32);
        assertThat(saved).hasSize(1);
    }
}
