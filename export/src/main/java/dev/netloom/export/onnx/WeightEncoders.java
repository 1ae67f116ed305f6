package dev.netloom.export.onnx;

import dev.netloom.export.ExportOptions;
import dev.netloom.graph.Precision;

import java.util.EnumMap;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

/**
 * The weight encoder of each {@link Precision}, keyed by it; within a precision the export options
 * choose among its encodings (INT8 computed in 8 bits or only stored in them; INT4 for ONNX
 * Runtime's MatMulNBits, for opset-21 DequantizeLinear or unpacked with standard operators).
 * {@code WeightEncodersTest} fails when a precision has no entry.
 */
final class WeightEncoders {

    private static final Map<Precision, Function<ExportOptions, WeightEncoder>> BY_PRECISION = new EnumMap<>(Precision.class);

    static {
        WeightEncoder fp32 = new Fp32Encoder();
        WeightEncoder fp16 = new Fp16Encoder();
        WeightEncoder int8 = new Int8CastEncoder();
        WeightEncoder int8Dynamic = new Int8MatMulIntegerEncoder(int8);
        WeightEncoder int4Unpacked = new PackedCodesEncoder(Precision.INT4);
        WeightEncoder int4NBits = new Int4MatMulNBitsEncoder(int4Unpacked);
        WeightEncoder int4Dequantize = new Int4DequantizeLinearEncoder();
        WeightEncoder ternary = new PackedCodesEncoder(Precision.INT2);
        WeightEncoder binary = new PackedCodesEncoder(Precision.INT1);
        BY_PRECISION.put(Precision.FP32, o -> fp32);
        BY_PRECISION.put(Precision.FP16, o -> fp16);
        BY_PRECISION.put(Precision.INT8, o -> o.int8() == ExportOptions.Int8Mode.DYNAMIC ? int8Dynamic : int8);
        BY_PRECISION.put(Precision.INT4, o -> o.int4() == ExportOptions.Int4Layout.MATMUL_NBITS ? int4NBits
                : o.opset() >= 21 ? int4Dequantize : int4Unpacked); // INT4 is a tensor type only from opset 21
        BY_PRECISION.put(Precision.INT2, o -> ternary);
        BY_PRECISION.put(Precision.INT1, o -> binary);
    }

    private WeightEncoders() {
    }

    /** The encoder a node at {@code precision} is written with under {@code options}. */
    static WeightEncoder of(Precision precision, ExportOptions options) {
        Function<ExportOptions, WeightEncoder> choice = BY_PRECISION.get(precision);
        if (choice == null) {
            throw new IllegalStateException("no weight encoder for " + precision.displayName());
        }
        return choice.apply(options);
    }

    /** The precisions that have an encoder (for the contract test). */
    static Set<Precision> precisions() {
        return BY_PRECISION.keySet();
    }
}
