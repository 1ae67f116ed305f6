package dev.netloom.graph.quantize;

import dev.netloom.graph.Precision;

/**
 * A weight matrix after quantization, seen as {@code rows × cols} (a Linear weight is
 * out × in; a convolution's is out × in·k·k): integer codes packed into bytes, and one scale per
 * block of {@code blockSize} consecutive values in a row ({@code blockSize == cols} means one
 * scale per row, "per channel"). Rows are padded to whole blocks; padding codes stand for zero.
 *
 * @param precision INT8, INT4, INT2 (ternary) or INT1 (binary)
 * @param rows rows (output channels)
 * @param cols values per row
 * @param blockSize values per scale
 * @param packed the codes, row after row, {@link #codesPerByte()} per byte, low bits first
 * @param scales one per block, row after row
 * @param halfScales whether the scales are stored as FP16 (2-bit and 1-bit) or FP32
 */
public record QuantizedWeight(Precision precision, int rows, int cols, int blockSize, byte[] packed, float[] scales,
                              boolean halfScales) {

    /** Blocks in one row. */
    public int blocksPerRow() {
        return (cols + blockSize - 1) / blockSize;
    }

    /** Values in one row including padding to whole blocks. */
    public int paddedCols() {
        return blocksPerRow() * blockSize;
    }

    public int codesPerByte() {
        return 8 / precision.bits();
    }

    /** Stored bits (codes, padding and scales) per real weight. */
    public double bitsPerWeight() {
        return storedBits() / (double) ((long) rows * cols);
    }

    /** Stored bits: the packed codes and the scales. */
    public long storedBits() {
        return (long) packed.length * 8 + (long) scales.length * (halfScales ? 16 : 32);
    }

    /** The code at a row and column, as a signed integer (what it multiplies its scale by). */
    public int value(int row, int col) {
        int index = row * paddedCols() + col;
        int bits = precision.bits();
        int perByte = codesPerByte();
        int code = (packed[index / perByte] >> ((index % perByte) * bits)) & ((1 << bits) - 1);
        return switch (precision) {
            case INT8 -> (byte) code;
            case INT4 -> code - 8;       // stored with +8 (MatMulNBits' default zero point)
            case INT2 -> code - 1;       // ternary {-1, 0, 1} stored as {0, 1, 2}
            case INT1 -> 2 * code - 1;   // binary {-1, +1} stored as {0, 1}
            default -> throw new IllegalStateException(precision + " is not an integer precision");
        };
    }

    /** The weights this stands for, {@code rows × cols}, exactly as a runtime dequantizes them. */
    public float[] dequantize() {
        float[] w = new float[rows * cols];
        int blocks = blocksPerRow();
        for (int r = 0; r < rows; r++) {
            for (int c = 0; c < cols; c++) {
                w[r * cols + c] = value(r, c) * scales[r * blocks + c / blockSize];
            }
        }
        return w;
    }
}
