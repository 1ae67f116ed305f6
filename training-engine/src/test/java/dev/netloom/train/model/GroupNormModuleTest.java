package dev.netloom.train.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/** GroupNorm against values worked out by hand from PyTorch's definition (biased variance per example and group). */
class GroupNormModuleTest {

    @Test
    void eachGroupOfChannelsIsNormalisedOverItsOwnValuesThenScaledPerChannel() {
        try (NDManager m = NDManager.newBaseManager()) {
            // One example, 4 channels of 1x2 pixels, 2 groups: channels {0, 1} and {2, 3}.
            NDArray x = m.create(new float[] {1, 3, 5, 7, 10, 10, 10, 14}, new Shape(1, 4, 1, 2));
            NDArray gamma = m.create(new float[] {1, 2, 1, 1});
            NDArray beta = m.create(new float[] {0, 0, 0, 1});
            LayerCall call = new LayerCall("gn", Map.of("in", x), Map.of("gamma", gamma, "beta", beta), false,
                    new ForwardContext());

            float[] y = new GroupNormModule(4, 2, 0f).forward(call).toFloatArray();

            // group 1: mean 4, variance (9 + 1 + 1 + 9) / 4 = 5; group 2: mean 11, variance (1 + 1 + 1 + 9) / 4 = 3
            double s5 = Math.sqrt(5);
            double s3 = Math.sqrt(3);
            assertThat(y).containsExactly(new float[] {
                    (float) (-3 / s5), (float) (-1 / s5),              // channel 0: gamma 1
                    (float) (2 * 1 / s5), (float) (2 * 3 / s5),        // channel 1: gamma 2
                    (float) (-1 / s3), (float) (-1 / s3),              // channel 2
                    (float) (-1 / s3 + 1), (float) (3 / s3 + 1)},      // channel 3: beta 1
                    within(1e-5f));
        }
    }
}
