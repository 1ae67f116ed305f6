package dev.netloom.train.data.idx;

import dev.netloom.train.data.DataIssue;
import dev.netloom.train.data.DataReport;
import dev.netloom.train.data.MemoryBudget;

import java.io.BufferedInputStream;
import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.zip.GZIPInputStream;

/**
 * One IDX file of unsigned bytes (the MNIST family's format), raw or gzip-compressed: a magic
 * number {@code 00 00 08 D}, D big-endian dimension sizes, then the items. A file cut short
 * keeps the items that are complete and says how many were lost; bytes after the last item are
 * noted.
 *
 * @param file the file, as given
 * @param dims the sizes the header declares; {@code dims[0]} is the item count
 * @param data the bytes of the complete items that were readable
 */
public record IdxFile(String file, int[] dims, byte[] data) {

    /** DEFLATE's largest expansion, about 1032:1 (a run of one byte); gzip adds a small header. */
    static final long MAX_GZIP_RATIO = 1032;

    /** The item type byte for unsigned bytes, the only one image and label files use. */
    private static final int UNSIGNED_BYTE = 0x08;

    public IdxFile {
        dims = dims.clone();
    }

    /** Bytes in one item (one picture, one label). */
    public int itemSize() {
        int n = 1;
        for (int i = 1; i < dims.length; i++) {
            n *= dims[i];
        }
        return n;
    }

    /** How many complete items were read. */
    public int count() {
        return data.length / itemSize();
    }

    /** How many items the header promised. */
    public int declaredCount() {
        return dims[0];
    }

    /**
     * Reads an IDX file with {@code rank} dimensions (3 for pictures, 1 for labels).
     *
     * @throws IOException with a one-line message naming the file when the header is unusable
     */
    public static IdxFile read(Path path, int rank, DataReport report) throws IOException {
        String name = path.toString();
        dev.netloom.train.data.DataFiles.requireRegularFile(path);
        long fileLength = Files.size(path);
        try (InputStream raw = new BufferedInputStream(Files.newInputStream(path), 1 << 16)) {
            raw.mark(2);
            boolean gzip = raw.read() == 0x1f && raw.read() == 0x8b;
            raw.reset();
            InputStream in = gzip ? new GZIPInputStream(raw, 1 << 16) : raw;
            DataInputStream data = new DataInputStream(in);
            int[] dims = header(data, name, rank);
            long itemSize = 1;
            for (int i = 1; i < rank; i++) {
                itemSize *= dims[i];
            }
            if (itemSize > Integer.MAX_VALUE / 2) {
                throw new IOException(name + ": items of " + itemSize + " bytes are too large");
            }
            // What the file can really hold bounds what is allocated, whatever its header claims: its
            // length, or for gzip the most DEFLATE can expand it. Checked before reading, so a small
            // file that claims (or really inflates to) gigabytes is refused, not an OutOfMemoryError.
            long canHold = gzip ? fileLength * MAX_GZIP_RATIO : fileLength - 4L * (rank + 1);
            long items = Math.min(dims[0], Math.max(0, canHold) / itemSize);
            // The bytes, and as much again while the read buffer grows; pictures then stay bytes (IdxPair
            // checks the floats itself when it resizes).
            MemoryBudget.check(name, items, itemSize, rank == 1 ? 1 : 2);
            long wanted = Math.min((long) dims[0] * itemSize, Integer.MAX_VALUE - 64);
            // Read straight into an array of the promised size when the file can plausibly hold it (a raw
            // file's length bounds it; gzip rarely expands over 8:1): no growing copies, no garbage.
            long start = Math.min(wanted, gzip ? Math.max(1 << 20, fileLength * 8) : fileLength);
            byte[] bytes = readUpTo(data, wanted, start);
            boolean stopped = bytes.length < wanted;
            int complete = (int) (bytes.length / itemSize);
            byte[] kept = complete * itemSize == bytes.length ? bytes : Arrays.copyOf(bytes, (int) (complete * itemSize));
            if (stopped) {
                // A note, not a skip: the pair that reads this file counts the examples lost, once.
                report.note(new DataIssue(name, 0, "file is cut short: the header promises " + dims[0] + " items, "
                        + complete + " are readable"));
            } else if (extraBytes(data)) {
                report.note(new DataIssue(name, 0, "bytes after the last of the " + dims[0] + " items were ignored"));
            }
            if (complete == 0) {
                throw new IOException(name + ": no complete " + (rank == 1 ? "label" : "picture") + " in the file");
            }
            return new IdxFile(name, dims, kept);
        } catch (EOFException e) {
            throw new IOException(name + ": file ends inside its header");
        } catch (java.util.zip.ZipException e) {
            throw new IOException(name + ": not a readable gzip file (" + e.getMessage() + ")");
        }
    }

    private static int[] header(DataInputStream in, String name, int rank) throws IOException {
        int magic = in.readInt();
        if ((magic >>> 16) != 0 || ((magic >>> 8) & 0xff) != UNSIGNED_BYTE || (magic & 0xff) != rank) {
            throw new IOException(String.format("%s: not an IDX file of %d dimensions (magic number 0x%08x, expected "
                    + "0x%08x)", name, rank, magic, (UNSIGNED_BYTE << 8) | rank));
        }
        int[] dims = new int[rank];
        for (int i = 0; i < rank; i++) {
            dims[i] = in.readInt();
            if (dims[i] <= 0) {
                throw new IOException(name + ": dimension " + (i + 1) + " of the header is " + dims[i]
                        + ", must be positive");
            }
        }
        return dims;
    }

    /**
     * Reads up to {@code wanted} bytes, stopping early at the end of the stream or at a damaged
     * gzip block. The array starts at {@code start} bytes and doubles only as bytes really arrive,
     * so a lying header cannot make it allocate more than the file can hold.
     */
    private static byte[] readUpTo(InputStream in, long wanted, long start) {
        byte[] out = new byte[(int) Math.max(16, start)];
        int size = 0;
        try {
            while (size < wanted) {
                if (size == out.length) {
                    out = Arrays.copyOf(out, (int) Math.min(wanted, 2L * out.length));
                }
                int n = in.read(out, size, (int) Math.min(out.length - size, wanted - size));
                if (n < 0) {
                    break;
                }
                size += n;
            }
        } catch (IOException e) {
            // A damaged compressed stream: keep the items read before the damage.
        }
        return size == out.length ? out : Arrays.copyOf(out, size);
    }

    private static boolean extraBytes(InputStream in) {
        try {
            return in.read() >= 0;
        } catch (IOException e) {
            return true;
        }
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof IdxFile f && file.equals(f.file) && Arrays.equals(dims, f.dims) && Arrays.equals(data, f.data);
    }

    @Override
    public int hashCode() {
        return 31 * (31 * file.hashCode() + Arrays.hashCode(dims)) + Arrays.hashCode(data);
    }
}
