package dev.netloom.train.data;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * How every reader opens a dataset file: only regular files (a device such as {@code /dev/zero}
 * would be read until memory runs out, a pipe may block forever), and text as strict UTF-8 with a
 * leading byte-order mark dropped (Excel's "CSV UTF-8" writes one; left in, it becomes part of the
 * first column's name).
 */
public final class DataFiles {

    /** The byte-order mark as a character. */
    public static final char BOM = '\uFEFF';

    private DataFiles() {
    }

    /**
     * Throws, with one line naming the file, unless {@code path} is a regular file (links to one
     * are fine). Looks without opening, so a pipe with no writer cannot block.
     */
    public static void requireRegularFile(Path path) throws IOException {
        if (Files.isRegularFile(path)) {
            return;
        }
        if (!Files.exists(path)) {
            throw new IOException(path + ": no such file");
        }
        if (Files.isDirectory(path)) {
            throw new IOException(path + ": is a folder, not a file");
        }
        throw new IOException(path + ": not a regular file (a device, pipe or socket); give a file on disk");
    }

    /** Strict UTF-8 text of a regular file, without a leading byte-order mark. Malformed bytes throw. */
    public static BufferedReader text(Path path) throws IOException {
        requireRegularFile(path);
        // The mark is looked for in the bytes (EF BB BF), so a file whose first bytes are not
        // UTF-8 fails where its rows are read, with the row, not here.
        java.io.BufferedInputStream bytes = new java.io.BufferedInputStream(Files.newInputStream(path));
        try {
            bytes.mark(3);
            byte[] head = bytes.readNBytes(3);
            if (head.length < 3 || (head[0] & 0xff) != 0xEF || (head[1] & 0xff) != 0xBB || (head[2] & 0xff) != 0xBF) {
                bytes.reset();
            }
        } catch (IOException e) {
            bytes.close();
            throw e;
        }
        return new BufferedReader(new InputStreamReader(bytes, StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT).onUnmappableCharacter(CodingErrorAction.REPORT)));
    }

    /** {@code text} without a leading byte-order mark. */
    public static String stripBom(String text) {
        return !text.isEmpty() && text.charAt(0) == BOM ? text.substring(1) : text;
    }

    /** The lines of a small UTF-8 text file (labels, a vocabulary), without a byte-order mark. */
    public static java.util.List<String> lines(Path path) throws IOException {
        try (BufferedReader in = text(path)) {
            return in.lines().toList();
        } catch (java.io.UncheckedIOException e) {
            throw new IOException(path + ": not UTF-8 text", e.getCause());
        }
    }
}
