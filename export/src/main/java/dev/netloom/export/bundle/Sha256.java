package dev.netloom.export.bundle;

import java.io.IOException;
import java.io.InputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/** SHA-256 in lower-case hex, of bytes or of a stream read to its end. */
final class Sha256 {

    private Sha256() {
    }

    static MessageDigest digest() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
    }

    static String hex(byte[] bytes) {
        return HexFormat.of().formatHex(digest().digest(bytes));
    }

    /** The hash and length of what {@code in} holds, reading at most {@code limit} bytes (more is an error). */
    static Hashed of(InputStream in, long limit) throws IOException {
        MessageDigest d = digest();
        byte[] buf = new byte[64 * 1024];
        long total = 0;
        for (int n; (n = in.read(buf)) > 0; ) {
            total += n;
            if (total > limit) {
                throw new IOException("larger than " + limit + " bytes");
            }
            d.update(buf, 0, n);
        }
        return new Hashed(total, HexFormat.of().formatHex(d.digest()));
    }

    record Hashed(long bytes, String sha256) {
    }
}
