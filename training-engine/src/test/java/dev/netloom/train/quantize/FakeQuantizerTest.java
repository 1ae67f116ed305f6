package dev.netloom.train.quantize;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.GradientCollector;
import dev.netloom.graph.Precision;
import dev.netloom.graph.quantize.WeightRole;
import dev.netloom.graph.quantize.WeightRule;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;

/** The fake quantizer: the exporter's weights forward, the identity backward. */
class FakeQuantizerTest {

    private static float[] gaussian(int n, long seed) {
        Random r = new Random(seed);
        float[] v = new float[n];
        for (int i = 0; i < n; i++) {
            v[i] = (float) (r.nextGaussian() * 0.1);
        }
        return v;
    }

    @ParameterizedTest
    @EnumSource(value = Precision.class, names = {"FP16", "INT8", "INT4", "INT2", "INT1"})
    void forwardIsTheExportersRoundingAndTheGradientPassesStraightThrough(Precision p) {
        float[] values = gaussian(24 * 40, 3);
        WeightRule rule = new WeightRule(16, true);
        FakeQuantizer q = new FakeQuantizer(p, WeightRole.LINEAR, rule);
        float[] expected = rule.seenAs(values, 24, 40, p, WeightRole.LINEAR);
        try (NDManager manager = NDManager.newBaseManager()) {
            NDArray w = manager.create(values, new Shape(24, 40));
            assertThat(q.apply(w, manager, false).toFloatArray()).containsExactly(expected);

            w.setRequiresGradient(true);
            float[] upstream = gaussian(values.length, 9);
            NDArray c = manager.create(upstream, new Shape(24, 40));
            try (GradientCollector collector = Engine.getInstance().newGradientCollector()) {
                NDArray fake = q.apply(w, manager, true);
                // Forward: the rounded weights (up to the last bit of w + (q - w)).
                float[] forward = fake.toFloatArray();
                for (int i = 0; i < forward.length; i++) {
                    assertThat(forward[i]).isCloseTo(expected[i], org.assertj.core.data.Offset.offset(1e-6f));
                }
                collector.backward(fake.mul(c).sum());
            }
            // Backward: d(sum(fake · c))/dw = c, as if rounding were the identity (clipped values included).
            assertThat(w.getGradient().toFloatArray()).containsExactly(upstream);
        }
        if (p != Precision.FP16) {
            assertThat(expected).isNotEqualTo(values);
        }
    }
}
