package dev.netloom.app.fuzz;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Random;

/**
 * Damages a valid file the ways hostile and unlucky users do: a flipped, deleted or inserted byte,
 * a cut, a repeated span, and tokens that parsers treat specially (NaN, huge numbers, deep
 * nesting, control characters, stray quotes, byte-order marks, lone surrogates). Seeded, so a
 * failing case can be made again from its seed.
 */
public final class Mutator {

    /** Tokens that reached a library's own words at least once (the corpus grows with every bug). */
    static final List<String> NASTY = List.of("NaN", "-Infinity", "Infinity", "1e999999", "-", "+1", "0x1F", "01",
            "9".repeat(1200), "\"" + "x".repeat(70_000) + "\"", "[".repeat(1500), "{".repeat(1500), "\u0000", "\u0007",
            "\"", "'", "//", "/*", "\\", "\\u12", "\uFEFF", "\uD800", "}", "]", ":", ",", ",,", "\"\"\"", "true false",
            "null", "{\"a\":1,\"a\":2}", "\r", "\n\n", "\"a\",\"a\"", "\"x\"y", ",\"unclosed", "1e300", "-1e39", "\t");

    private Mutator() {
    }

    /** The {@code seed}-th damaged copy of {@code valid}. */
    public static byte[] mutate(byte[] valid, long seed) {
        Random r = new Random(seed);
        byte[] out = valid;
        int rounds = 1 + r.nextInt(3);
        for (int i = 0; i < rounds; i++) {
            out = once(out, r);
        }
        return out;
    }

    private static byte[] once(byte[] in, Random r) {
        int at = in.length == 0 ? 0 : r.nextInt(in.length);
        ByteArrayOutputStream out = new ByteArrayOutputStream(in.length + 64);
        switch (r.nextInt(7)) {
            case 0 -> { // flip a byte
                byte[] copy = in.clone();
                if (copy.length > 0) {
                    copy[at] = (byte) r.nextInt(256);
                }
                return copy;
            }
            case 1 -> { // delete a span
                int len = Math.min(in.length - at, 1 + r.nextInt(40));
                out.write(in, 0, at);
                out.write(in, at + len, in.length - at - len);
            }
            case 2 -> { // cut the end off
                out.write(in, 0, at);
            }
            case 3 -> { // repeat a span
                int len = Math.min(in.length - at, 1 + r.nextInt(80));
                out.write(in, 0, at + len);
                out.write(in, at, in.length - at);
            }
            default -> { // insert a nasty token
                byte[] token = NASTY.get(r.nextInt(NASTY.size())).getBytes(StandardCharsets.UTF_8);
                out.write(in, 0, at);
                out.write(token, 0, token.length);
                out.write(in, at, in.length - at);
            }
        }
        return out.toByteArray();
    }
}
