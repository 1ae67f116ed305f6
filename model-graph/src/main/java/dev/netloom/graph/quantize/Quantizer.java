package dev.netloom.graph.quantize;

import dev.netloom.graph.Precision;

/**
 * Symmetric weight quantization, row by row (a row is an output channel), with one scale per
 * block of a row:
 * <ul>
 * <li>INT8: one scale per row (per channel) or, passed as one row, per tensor; {@code max|w| / 127},
 * codes −127…127;</li>
 * <li>INT4: blocks (128 by default, ONNX Runtime's default), {@code max|w| / 7}, codes −8…7;</li>
 * <li>2-bit: ternary {−1, 0, +1} × {@code mean|w|} of the block (BitNet b1.58's absmean);</li>
 * <li>1-bit: binary {−1, +1} × {@code mean|w|} of the block (XNOR-Net).</li>
 * </ul>
 * Scales are FP16 (the graph widens them once, at load) except for INT4, whose MatMulNBits kernel
 * takes FP32 scales: a 32-bit scale per 128 ternary weights would cost a quarter of a bit.
 */
public final class Quantizer {

    /** The block size used when none is given: ONNX Runtime's INT4 default (docs/figures.md). */
    public static final int DEFAULT_BLOCK = 128;

    private Quantizer() {
    }

    /** How a row is cut into blocks. */
    public enum Blocking {
        /** Powers of two from 16 up to the limit, whichever stores the row in fewest bits (MatMulNBits accepts only these). */
        POWER_OF_TWO,
        /** As few blocks as the limit allows, of equal length rounded up to whole bytes: almost no padding. */
        EVEN
    }

    /**
     * Quantizes a {@code rows × cols} matrix (row major) at an integer precision; INT8 takes one
     * block per row, the others blocks of at most {@code limit} values cut as {@code blocking} says.
     */
    public static QuantizedWeight quantize(float[] w, int rows, int cols, Precision precision, int limit,
                                           Blocking blocking) {
        if ((long) rows * cols != w.length) {
            throw new IllegalArgumentException(w.length + " values are not " + rows + " x " + cols);
        }
        boolean halfScales = precision != Precision.INT4;
        int blockSize = precision == Precision.INT8 ? cols : blocking == Blocking.EVEN ? evenBlock(cols, precision, limit)
                : blockSize(cols, precision, limit, halfScales);
        int blocks = (cols + blockSize - 1) / blockSize;
        int padded = blocks * blockSize;
        int perByte = 8 / precision.bits();
        byte[] packed = new byte[(int) (((long) rows * padded + perByte - 1) / perByte)];
        float[] scales = new float[rows * blocks];
        for (int r = 0; r < rows; r++) {
            for (int b = 0; b < blocks; b++) {
                int from = r * cols + b * blockSize;
                int to = r * cols + Math.min(cols, (b + 1) * blockSize);
                float scale = scale(w, from, to, precision);
                if (halfScales) {
                    // Round up, so the largest weight still fits in the code range after the scale shrinks.
                    float rounded = Half.round(scale);
                    scale = rounded >= scale ? rounded : Half.toFloat((short) (Half.fromFloat(scale) + 1));
                }
                scales[r * blocks + b] = scale;
                for (int i = from; i < to; i++) {
                    int code = code(w[i], scale, precision);
                    int index = r * padded + (i - r * cols);
                    packed[index / perByte] |= (byte) (code << ((index % perByte) * precision.bits()));
                }
            }
            // Padding codes must stand for zero: INT4 zero is stored as 8, ternary zero as 1.
            for (int c = cols; c < padded; c++) {
                int zero = switch (precision) {
                    case INT4 -> 8;
                    case INT2 -> 1;
                    default -> 0;
                };
                int index = r * padded + c;
                packed[index / perByte] |= (byte) (zero << ((index % perByte) * precision.bits()));
            }
        }
        return new QuantizedWeight(precision, rows, cols, blockSize, packed, scales, halfScales);
    }

    /**
     * The block size (a power of two from 16 up to {@code limit}, as MatMulNBits accepts) that
     * stores a row in the fewest bits: codes with their padding plus one scale per block. A row
     * of 576 at a limit of 128 takes blocks of 64 (9 exactly) rather than 128 (5, the last
     * padded by 64).
     */
    static int blockSize(int cols, Precision precision, int limit, boolean halfScales) {
        int best = 16;
        long bestBits = Long.MAX_VALUE;
        for (int size = 16; size <= Math.max(16, limit); size *= 2) {
            long blocks = (cols + size - 1) / size;
            long bits = blocks * size * precision.bits() + blocks * (halfScales ? 16 : 32);
            if (bits <= bestBits) {
                best = size;
                bestBits = bits;
            }
        }
        return best;
    }

    /** The shortest block length, in whole bytes of codes, that cuts a row into ceil(cols / limit) blocks. */
    static int evenBlock(int cols, Precision precision, int limit) {
        int perByte = 8 / precision.bits();
        int blocks = Math.max(1, (cols + limit - 1) / limit);
        int size = (cols + blocks - 1) / blocks;
        return (size + perByte - 1) / perByte * perByte;
    }

    private static float scale(float[] w, int from, int to, Precision precision) {
        double max = 0;
        double sum = 0;
        for (int i = from; i < to; i++) {
            max = Math.max(max, Math.abs(w[i]));
            sum += Math.abs(w[i]);
        }
        double s = switch (precision) {
            case INT8 -> max / 127;
            case INT4 -> max / 7;
            case INT2, INT1 -> sum / Math.max(1, to - from);
            default -> throw new IllegalArgumentException(precision + " is not an integer precision");
        };
        // An all-zero block still needs a usable scale; any positive value dequantizes zeros to zero.
        return s > 0 ? (float) s : 1f;
    }

    /** The stored (unsigned) code for one weight. */
    private static int code(float w, float scale, Precision precision) {
        int q = Math.round(w / scale);
        return switch (precision) {
            case INT8 -> Math.max(-127, Math.min(127, q)) & 0xff;
            case INT4 -> Math.max(-8, Math.min(7, q)) + 8;
            case INT2 -> Math.max(-1, Math.min(1, q)) + 1;
            case INT1 -> w >= 0 ? 1 : 0;
            default -> throw new IllegalArgumentException(precision + " is not an integer precision");
        };
    }
}
