package dev.netloom.graph.quantize;

import dev.netloom.graph.Precision;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.junit.jupiter.api.Test;

import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;

/** Quantization error bounds, code ranges and sizes, over random matrices of every shape. */
class QuantizerProperties {

    record Matrix(int rows, int cols, float[] values) {
    }

    @Provide
    Arbitrary<Matrix> matrices() {
        return Combinators.combine(Arbitraries.integers().between(1, 9), Arbitraries.integers().between(1, 300),
                Arbitraries.longs(), Arbitraries.of(1e-4, 0.05, 1.0, 300.0)).as((rows, cols, seed, scale) -> {
                    Random random = new Random(seed);
                    float[] v = new float[rows * cols];
                    for (int i = 0; i < v.length; i++) {
                        v[i] = (float) (random.nextGaussian() * scale);
                    }
                    if (random.nextInt(5) == 0) {
                        java.util.Arrays.fill(v, 0, Math.min(v.length, cols), 0f); // an all-zero row
                    }
                    return new Matrix(rows, cols, v);
                });
    }

    @Property(tries = 200)
    void int8AndInt4ErrIsAtMostHalfAStep(@ForAll("matrices") Matrix m,
                                         @ForAll("integerPrecisions") Precision p, @ForAll Quantizer.Blocking blocking) {
        QuantizedWeight q = Quantizer.quantize(m.values(), m.rows(), m.cols(), p, 32, blocking);
        float[] back = q.dequantize();
        int blocks = q.blocksPerRow();
        for (int r = 0; r < m.rows(); r++) {
            for (int c = 0; c < m.cols(); c++) {
                float scale = q.scales()[r * blocks + c / q.blockSize()];
                float error = Math.abs(back[r * m.cols() + c] - m.values()[r * m.cols() + c]);
                assertThat((double) error).isLessThanOrEqualTo(scale * 0.5001 + 1e-30);
            }
        }
    }

    @Provide
    Arbitrary<Precision> integerPrecisions() {
        return Arbitraries.of(Precision.INT8, Precision.INT4);
    }

    @Property(tries = 200)
    void codesStayInTheirRangeAndPaddingIsZero(@ForAll("matrices") Matrix m, @ForAll("allIntegers") Precision p,
                                               @ForAll Quantizer.Blocking blocking) {
        QuantizedWeight q = Quantizer.quantize(m.values(), m.rows(), m.cols(), p, 16, blocking);
        if (blocking == Quantizer.Blocking.EVEN && p != Precision.INT8) {
            assertThat(q.paddedCols() - m.cols()).as("even blocks pad less than one byte of codes per block")
                    .isLessThan(q.blocksPerRow() * q.codesPerByte());
            assertThat(q.paddedCols() % q.codesPerByte()).isZero();
        }
        int[] range = switch (p) {
            case INT8 -> new int[] {-127, 127};
            case INT4 -> new int[] {-8, 7};
            case INT2 -> new int[] {-1, 1};
            default -> new int[] {-1, 1};
        };
        for (int r = 0; r < m.rows(); r++) {
            for (int c = 0; c < q.paddedCols(); c++) {
                int v = q.value(r, c);
                if (c >= m.cols()) {
                    assertThat(p == Precision.INT1 || v == 0).as("padding at %d,%d is %d", r, c, v).isTrue();
                } else {
                    assertThat(v).isBetween(range[0], range[1]);
                    if (p == Precision.INT1) {
                        assertThat(v).isIn(-1, 1);
                    }
                }
            }
        }
    }

    @Provide
    Arbitrary<Precision> allIntegers() {
        return Arbitraries.of(Precision.INT8, Precision.INT4, Precision.INT2, Precision.INT1);
    }

    @Property(tries = 100)
    void signsSurviveTernaryAndBinary(@ForAll("matrices") Matrix m) {
        QuantizedWeight binary = Quantizer.quantize(m.values(), m.rows(), m.cols(), Precision.INT1, 128, Quantizer.Blocking.POWER_OF_TWO);
        float[] back = binary.dequantize();
        for (int i = 0; i < back.length; i++) {
            if (m.values()[i] != 0) {
                assertThat(Math.signum(back[i])).isEqualTo(Math.signum(m.values()[i]));
            }
        }
    }

    @Test
    void bitsPerWeightOnALargeLayerMeetTheTargets() {
        // The limits (scales and packing included): INT8 <= 8.2, INT4 <= 4.6, 2-bit <= 2.2, 1-bit <= 1.2,
        // for a 256 x 512 layer at the default block of 128.
        float[] w = new float[256 * 512];
        Random random = new Random(1);
        for (int i = 0; i < w.length; i++) {
            w[i] = (float) random.nextGaussian();
        }
        assertThat(Quantizer.quantize(w, 256, 512, Precision.INT8, 128, Quantizer.Blocking.POWER_OF_TWO).bitsPerWeight()).isLessThanOrEqualTo(8.2);
        assertThat(Quantizer.quantize(w, 256, 512, Precision.INT4, 128, Quantizer.Blocking.POWER_OF_TWO).bitsPerWeight()).isCloseTo(4.25, within());
        assertThat(Quantizer.quantize(w, 256, 512, Precision.INT2, 128, Quantizer.Blocking.POWER_OF_TWO).bitsPerWeight()).isCloseTo(2.125, within());
        assertThat(Quantizer.quantize(w, 256, 512, Precision.INT1, 128, Quantizer.Blocking.POWER_OF_TWO).bitsPerWeight()).isCloseTo(1.125, within());
    }

    @Test
    void shortRowsUseSmallerBlocks() {
        QuantizedWeight q = Quantizer.quantize(new float[4 * 20], 4, 20, Precision.INT4, 128, Quantizer.Blocking.POWER_OF_TWO);
        assertThat(q.blockSize()).isEqualTo(32);
        assertThat(Quantizer.quantize(new float[9], 1, 9, Precision.INT2, 128, Quantizer.Blocking.POWER_OF_TWO).blockSize()).isEqualTo(16);
    }

    private static org.assertj.core.data.Offset<Double> within() {
        return org.assertj.core.data.Offset.offset(1e-9);
    }
}
