package dev.netloom.train.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Both forms of {@link TransposedConvolution} against the definition written out as loops: every
 * input value times the kernel, added at {@code (i·stride − padding + a, j·stride − padding + b)},
 * then the bias (PyTorch's {@code conv_transpose2d}).
 */
class TransposedConvolutionTest {

    @ParameterizedTest(name = "kernel {0} stride {1} padding {2} outputPadding {3}")
    @CsvSource({"2, 2, 0, 0", "3, 3, 0, 0", "3, 2, 1, 1", "3, 2, 0, 0", "4, 2, 1, 0", "1, 1, 0, 0", "2, 3, 0, 2",
            "5, 1, 3, 0", "1, 2, 1, 1"})
    void computesTheDefinition(int k, int s, int p, int op) {
        int n = 2;
        int in = 3;
        int out = 2;
        int h = 4;
        int w = 3;
        Random random = new Random(k * 1000 + s * 100 + p * 10 + op);
        float[] x = values(random, n * in * h * w);
        float[] weight = values(random, in * out * k * k);
        float[] bias = values(random, out);
        int oh = (h - 1) * s - 2 * p + k + op;
        int ow = (w - 1) * s - 2 * p + k + op;
        float[] expected = new float[n * out * oh * ow];
        for (int b = 0; b < n; b++) {
            for (int o = 0; o < out; o++) {
                for (int y = 0; y < oh; y++) {
                    for (int z = 0; z < ow; z++) {
                        expected[((b * out + o) * oh + y) * ow + z] = bias[o];
                    }
                }
                for (int c = 0; c < in; c++) {
                    for (int i = 0; i < h; i++) {
                        for (int j = 0; j < w; j++) {
                            for (int a = 0; a < k; a++) {
                                for (int e = 0; e < k; e++) {
                                    int y = i * s - p + a;
                                    int z = j * s - p + e;
                                    if (y >= 0 && y < oh && z >= 0 && z < ow) {
                                        expected[((b * out + o) * oh + y) * ow + z] += x[((b * in + c) * h + i) * w + j]
                                                * weight[((c * out + o) * k + a) * k + e];
                                    }
                                }
                            }
                        }
                    }
                }
            }
        }
        try (NDManager m = NDManager.newBaseManager()) {
            NDArray result = new TransposedConvolution(k, s, p, op).apply(m.create(x, new Shape(n, in, h, w)),
                    m.create(weight, new Shape(in, out, k, k)), m.create(bias, new Shape(out)));
            assertThat(result.getShape()).isEqualTo(new Shape(n, out, oh, ow));
            float[] actual = result.toFloatArray();
            for (int i = 0; i < expected.length; i++) {
                assertThat((double) actual[i]).as("output %d", i).isCloseTo(expected[i], org.assertj.core.data.Offset.offset(1e-5));
            }
        }
    }

    private static float[] values(Random random, int count) {
        float[] v = new float[count];
        for (int i = 0; i < count; i++) {
            v[i] = (float) random.nextGaussian();
        }
        return v;
    }
}
