package dev.netloom.graph;

/**
 * A precision weights can be stored at. Sizes here are the raw weight bits; the scales and zero
 * points a quantizer adds depend on its block size and are counted by the exporter.
 */
public enum Precision {
    FP32(32, "FP32"),
    FP16(16, "FP16"),
    INT8(8, "INT8"),
    INT4(4, "INT4"),
    INT2(2, "2-bit"),
    INT1(1, "1-bit");

    private final int bits;
    private final String displayName;

    Precision(int bits, String displayName) {
        this.bits = bits;
        this.displayName = displayName;
    }

    public int bits() {
        return bits;
    }

    public String displayName() {
        return displayName;
    }

    /** The word the command line, manifests and model metadata use: {@code fp32}, {@code int4}, ... */
    public String key() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }

    /** Bytes that {@code parameters} weights take at this precision, rounded up to whole bytes. */
    public long bytes(long parameters) {
        return (Math.multiplyExact(parameters, (long) bits) + 7) / 8;
    }
}
