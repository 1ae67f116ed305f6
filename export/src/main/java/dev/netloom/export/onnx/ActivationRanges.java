package dev.netloom.export.onnx;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The calibrated uint8 quantization of activation tensors for static INT8, by tensor name:
 * {@code q = clamp(round(x / scale) + zeroPoint, 0, 255)}. A writer asks for each tensor it
 * quantizes; a recording table instead remembers the names asked for and leaves those tensors
 * in float, so that model (INT8 weights, float activations) is the one the calibration runs to
 * measure them.
 */
public final class ActivationRanges {

    /** One tensor's quantization. */
    public record Range(float scale, int zeroPoint) {
        public Range {
            if (!(scale > 0) || zeroPoint < 0 || zeroPoint > 255) {
                throw new IllegalArgumentException("a uint8 range needs a positive scale and a zero point in 0..255");
            }
        }

        /** The uint8 range covering {@code [min(lo, 0), max(hi, 0)]}, zero exactly representable. */
        public static Range covering(double lo, double hi) {
            double low = Math.min(lo, 0);
            double high = Math.max(hi, 0);
            double scale = high - low > 0 ? (high - low) / 255 : 1;
            int zero = (int) Math.max(0, Math.min(255, Math.round(-low / scale)));
            return new Range((float) scale, zero);
        }
    }

    private final Map<String, Range> ranges;
    private final List<String> asked = new ArrayList<>();

    private ActivationRanges(Map<String, Range> ranges) {
        this.ranges = ranges;
    }

    /** A table that records the tensors a write asks for and leaves them unquantized. */
    public static ActivationRanges recording() {
        return new ActivationRanges(null);
    }

    /** Calibrated ranges. */
    public static ActivationRanges of(Map<String, Range> ranges) {
        return new ActivationRanges(new LinkedHashMap<>(ranges));
    }

    /** The range of a tensor; while recording, none (the tensor stays float), and the name is remembered. */
    Range of(String tensor) {
        if (ranges == null) {
            asked.add(tensor);
            return null;
        }
        Range r = ranges.get(tensor);
        if (r == null) {
            throw new IllegalStateException("no calibrated range for tensor " + tensor);
        }
        return r;
    }

    /** The tensors asked for while recording, in the order the model computes them. */
    public List<String> asked() {
        return Collections.unmodifiableList(asked);
    }

    /** Every calibrated range by tensor. */
    public Map<String, Range> ranges() {
        return ranges == null ? Map.of() : Collections.unmodifiableMap(ranges);
    }
}
