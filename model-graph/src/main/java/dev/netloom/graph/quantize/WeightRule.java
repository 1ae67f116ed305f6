package dev.netloom.graph.quantize;

import dev.netloom.graph.Precision;

/**
 * The one rule that turns a weight tensor into the codes a precision stores and into the weights
 * a model at that precision computes with. The exporter writes files with it and the training
 * engine's fake quantizer trains with it, so a model trained for a precision is exported with
 * exactly the weights it was trained with.
 *
 * <ul>
 * <li>INT8: one scale per output channel when rows hold at least {@value #INT8_PER_CHANNEL_FROM}
 * weights (the FP16 scale then costs at most 0.2 bits per weight), else one per tensor;</li>
 * <li>INT4: blocks of at most {@code blockSize} within each row; matrix products for ONNX
 * Runtime's MatMulNBits take power-of-two blocks, everything else blocks of equal length;</li>
 * <li>2-bit and 1-bit: the tensor as one long row cut into equal blocks, so short rows do not each
 * pay a scale (absmean scales, BitNet b1.58 and XNOR-Net, still much finer than one per tensor).</li>
 * </ul>
 *
 * @param blockSize values per scale for INT4, 2-bit and 1-bit (a power of two, 16 to 256)
 * @param int4PowerOfTwo whether INT4 matrix products use MatMulNBits' power-of-two blocks
 */
public record WeightRule(int blockSize, boolean int4PowerOfTwo) {

    /** Rows at least this long get their own INT8 scale; shorter ones share one per tensor. */
    public static final int INT8_PER_CHANNEL_FROM = 80;

    public WeightRule {
        if (blockSize < 16 || blockSize > 256 || Integer.bitCount(blockSize) != 1) {
            throw new IllegalArgumentException("block size " + blockSize + " must be a power of two from 16 to 256");
        }
    }

    /** ONNX Runtime's layout: blocks of 128, MatMulNBits for INT4 matrix products (the exporter's default). */
    public static WeightRule defaults() {
        return new WeightRule(Quantizer.DEFAULT_BLOCK, true);
    }

    /** The stored codes and scales of a {@code rows × cols} weight at an integer precision. */
    public QuantizedWeight quantize(float[] w, int rows, int cols, Precision precision, WeightRole role) {
        return switch (precision) {
            case INT8 -> cols >= INT8_PER_CHANNEL_FROM
                    ? Quantizer.quantize(w, rows, cols, Precision.INT8, blockSize, Quantizer.Blocking.EVEN)
                    : Quantizer.quantize(w, 1, rows * cols, Precision.INT8, blockSize, Quantizer.Blocking.EVEN);
            case INT4 -> Quantizer.quantize(w, rows, cols, Precision.INT4, blockSize,
                    role == WeightRole.LINEAR && int4PowerOfTwo ? Quantizer.Blocking.POWER_OF_TWO : Quantizer.Blocking.EVEN);
            case INT2, INT1 -> Quantizer.quantize(w, 1, rows * cols, precision, blockSize, Quantizer.Blocking.EVEN);
            default -> throw new IllegalArgumentException(precision + " is not an integer precision");
        };
    }

    /**
     * The weights a model at {@code precision} computes with: unchanged for FP32 and for
     * {@link WeightRole#FLOAT} tensors, rounded to FP16, or quantized and dequantized.
     */
    public float[] seenAs(float[] w, int rows, int cols, Precision precision, WeightRole role) {
        if (role == WeightRole.FLOAT || precision == Precision.FP32) {
            return w;
        }
        if (precision == Precision.FP16) {
            float[] r = new float[w.length];
            for (int i = 0; i < w.length; i++) {
                r[i] = Half.round(w[i]);
            }
            return r;
        }
        return quantize(w, rows, cols, precision, role).dequantize();
    }
}
