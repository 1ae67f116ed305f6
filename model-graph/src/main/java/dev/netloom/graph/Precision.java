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

    /** The precision a word names ({@link #key()}, in any case), or empty: the one parser of precision words. */
    public static java.util.Optional<Precision> parse(String word) {
        for (Precision p : values()) {
            if (p.key().equalsIgnoreCase(word == null ? "" : word.trim())) {
                return java.util.Optional.of(p);
            }
        }
        return java.util.Optional.empty();
    }

    /** Every precision word, for messages: {@code fp32, fp16, int8, int4, int2, int1}. */
    public static String words() {
        return String.join(", ", java.util.Arrays.stream(values()).map(Precision::key).toList());
    }

    /** Bytes that {@code parameters} weights take at this precision, rounded up to whole bytes. */
    public long bytes(long parameters) {
        return (Math.multiplyExact(parameters, (long) bits) + 7) / 8;
    }
}
