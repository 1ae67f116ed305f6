package dev.netloom.export;

/**
 * How the ONNX file is written, beyond the precision plan.
 *
 * @param opset the ai.onnx opset: 21 (IR 10) by default, 17 (IR 8) for older runtimes
 * @param int8 how INT8 layers run
 * @param int4 how INT4 layers are written
 * @param blockSize values per scale for INT4, 2-bit and 1-bit (a power of two, 16 to 256)
 */
public record ExportOptions(int opset, Int8Mode int8, Int4Layout int4, int blockSize) {

    /** INT8 either only stores weights in 8 bits, or also computes in 8 bits. */
    public enum Int8Mode {
        /** DynamicQuantizeLinear + MatMulInteger: the runtime multiplies in INT8 (faster on CPUs). */
        DYNAMIC,
        /** DequantizeLinear on the weights: small file, FP32 arithmetic. */
        WEIGHT_ONLY,
        /**
         * Static (QDQ): weights and the activations around each convolution and matrix product
         * quantized with ranges calibrated on data ({@code calibrate.StaticInt8}), which ONNX
         * Runtime fuses into integer kernels (QLinearConv, QLinearMatMul) at load.
         */
        STATIC
    }

    /** INT4 for ONNX Runtime's fast kernel, or in standard operators any opset-21 runtime reads. */
    public enum Int4Layout {
        /** com.microsoft:MatMulNBits (ONNX Runtime only). */
        MATMUL_NBITS,
        /** Opset 21 DequantizeLinear with INT4 weights and block_size. */
        DEQUANTIZE_LINEAR
    }

    public ExportOptions {
        if (opset != 17 && opset != 21) {
            throw new IllegalArgumentException("opset " + opset + " is not supported; use 17 or 21");
        }
        if (blockSize < 16 || blockSize > 256 || Integer.bitCount(blockSize) != 1) {
            throw new IllegalArgumentException("block size " + blockSize + " must be a power of two from 16 to 256");
        }
    }

    /** Opset 21, dynamic INT8, MatMulNBits INT4, blocks of 128. */
    public static ExportOptions defaults() {
        return new ExportOptions(21, Int8Mode.DYNAMIC, Int4Layout.MATMUL_NBITS, 128);
    }

    public ExportOptions withOpset(int opset) {
        return new ExportOptions(opset, int8, int4, blockSize);
    }

    public ExportOptions withInt8(Int8Mode mode) {
        return new ExportOptions(opset, mode, int4, blockSize);
    }

    public ExportOptions withInt4(Int4Layout layout) {
        return new ExportOptions(opset, int8, layout, blockSize);
    }

    public ExportOptions withBlockSize(int size) {
        return new ExportOptions(opset, int8, int4, size);
    }

    /** The rule weights are rounded by in this layout (the one quantization-aware training uses too). */
    public dev.netloom.graph.quantize.WeightRule weightRule() {
        return new dev.netloom.graph.quantize.WeightRule(blockSize, int4 == Int4Layout.MATMUL_NBITS);
    }
}
