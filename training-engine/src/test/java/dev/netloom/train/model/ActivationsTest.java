package dev.netloom.train.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/** The hard activations and LeakyReLU give PyTorch's values, worked out by hand from its formulas. */
class ActivationsTest {

    private static final float[] X = {-4f, -3f, -1.5f, 0f, 1f, 3f, 4f};

    @Test
    void hardsigmoidIsRelu6OfXPlusThreeOverSix() {
        // relu6(x + 3) / 6: 0, 0, 1.5/6, 3/6, 4/6, 1, 1
        assertThat(values("Hardsigmoid", 0.01f)).containsExactly(new float[] {0f, 0f, 0.25f, 0.5f, 4f / 6, 1f, 1f},
                within(1e-6f));
    }

    @Test
    void hardswishIsXTimesHardsigmoid() {
        // x * relu6(x + 3) / 6: 0, 0, -1.5*0.25, 0, 4/6, 3, 4
        assertThat(values("Hardswish", 0.01f)).containsExactly(new float[] {0f, 0f, -0.375f, 0f, 4f / 6, 3f, 4f},
                within(1e-6f));
    }

    @Test
    void leakyReluScalesNegativeValuesByTheSlope() {
        assertThat(values("LeakyReLU", 0.1f)).containsExactly(new float[] {-0.4f, -0.3f, -0.15f, 0f, 1f, 3f, 4f},
                within(1e-6f));
        // Blocks that name LeakyReLU without a slope use PyTorch's default 0.01.
        try (NDManager m = NDManager.newBaseManager()) {
            assertThat(Activations.apply("LeakyReLU", m.create(new float[] {-2f})).toFloatArray())
                    .containsExactly(new float[] {-0.02f}, within(1e-7f));
        }
    }

    private static float[] values(String function, float slope) {
        try (NDManager m = NDManager.newBaseManager()) {
            NDArray x = m.create(X);
            return Activations.apply(function, slope, x).toFloatArray();
        }
    }
}
