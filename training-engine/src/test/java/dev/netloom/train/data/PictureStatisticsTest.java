package dev.netloom.train.data;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/** Fine-tuning data standardised with the start model's statistics instead of its own. */
class PictureStatisticsTest {

    @Test
    void picturesAreReStandardisedToTheModelsStatisticsAndTheDatasetRecordsThem() {
        // Raw pixels 0.1 and 0.5 per 1x1x2 picture... as one channel of two pixels; the data's own mean 0.3, std 0.2.
        float[] raw = {0.1f, 0.5f, 0.3f, 0.3f};
        Normalisation own = new Normalisation(new float[] {0.3f}, new float[] {0.2f});
        Field field = own.apply(Field.floats("image", FieldKind.IMAGE, new int[] {1, 1, 2}, raw));
        Examples train = new Examples(List.of(field), new int[] {0, 1});
        Dataset d = new Dataset("d", train, train, train, List.of("a", "b"), Map.of("image", own.toMap()), List.of(),
                "f", new DataReport());
        FittedPreprocessing model = new FittedPreprocessing(List.of("x"),
                Map.of("image", new Normalisation(new float[] {0.2f}, new float[] {0.4f}).toMap()), List.of());

        Dataset adopted = PictureStatistics.adopt(d, model);

        float[] v = adopted.train().field("image").orElseThrow().floats();
        for (int i = 0; i < raw.length; i++) {
            assertThat(v[i]).isCloseTo((raw[i] - 0.2f) / 0.4f, within(1e-6f));
        }
        assertThat(adopted.test().field("image").orElseThrow().floats()).isEqualTo(v);
        assertThat(model.normalisation("image")).isPresent();
        @SuppressWarnings("unchecked")
        Map<String, Object> recorded = (Map<String, Object>) adopted.preprocessing().get("image");
        assertThat(recorded.get("mean").toString()).isEqualTo(List.of((double) 0.2f).toString());
        assertThat(recorded.get("std").toString()).isEqualTo(List.of((double) 0.4f).toString());
    }

    @Test
    void aModelWithoutStatisticsForTheFieldLeavesTheDataAsItWas() {
        Normalisation own = new Normalisation(new float[] {0.3f}, new float[] {0.2f});
        Field field = Field.floats("image", FieldKind.IMAGE, new int[] {1, 1, 2}, new float[] {1, -1, 0, 0});
        Examples e = new Examples(List.of(field), new int[] {0, 1});
        Dataset d = new Dataset("d", e, e, e, List.of("a", "b"), Map.of("image", own.toMap()), List.of(), "f",
                new DataReport());
        Dataset same = PictureStatistics.adopt(d, new FittedPreprocessing(List.of("x"), Map.of(), List.of()));
        assertThat(same.train().field("image").orElseThrow().floats()).isEqualTo(field.floats());
        assertThat(same.preprocessing()).isEqualTo(d.preprocessing());
    }
}
