package dev.netloom.app.data;

import java.io.BufferedInputStream;
import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.zip.GZIPInputStream;

/**
 * Reads the IDX files of the MNIST family (MNIST, Fashion-MNIST, KMNIST), raw or gzip: an images
 * file of unsigned bytes [count, rows, columns] and a labels file [count]. A preview reader
 * only: it reads the header, the first pictures and all labels. The training engine's dataset
 * readers will replace it.
 */
public final class IdxReader {

    /** Unsigned bytes, the only element type MNIST-family files use. */
    private static final int UBYTE = 0x08;

    private IdxReader() {
    }

    /**
     * Previews an images file and, if found beside it, its labels file.
     *
     * @param images for example {@code train-images-idx3-ubyte.gz}
     * @param samples how many pictures to read for the grid
     */
    public static DatasetPreview preview(Path images, int samples) throws IOException {
        Optional<Path> labelsFile = labelsBeside(images);
        int[] labels = labelsFile.isPresent() ? readLabels(labelsFile.get()) : new int[0];
        try (DataInputStream in = open(images)) {
            int[] dims = header(in, images, 3);
            int count = dims[0];
            int rows = dims[1];
            int cols = dims[2];
            if (labels.length > 0 && labels.length != count) {
                throw new IOException(labelsFile.get().getFileName() + " has " + labels.length + " labels but "
                        + images.getFileName() + " has " + count + " pictures");
            }
            List<DatasetPreview.Sample> shown = new ArrayList<>();
            for (int i = 0; i < Math.min(samples, count); i++) {
                byte[] pixels = new byte[rows * cols];
                in.readFully(pixels);
                shown.add(new DatasetPreview.Sample(labels.length > 0 ? Integer.toString(labels[i]) : "", cols, rows,
                        pixels, List.of()));
            }
            Map<String, Integer> counts = new TreeMap<>();
            for (int l : labels) {
                counts.merge(Integer.toString(l), 1, Integer::sum);
            }
            Map<String, Integer> ordered = new LinkedHashMap<>();
            counts.entrySet().stream().sorted(Map.Entry.comparingByKey((a, b) ->
                    Integer.compare(Integer.parseInt(a), Integer.parseInt(b))))
                    .forEach(e -> ordered.put(e.getKey(), e.getValue()));
            return new DatasetPreview(images.getFileName().toString(), "IDX", count, List.of(1, rows, cols), shown,
                    ordered, List.of());
        } catch (EOFException e) {
            throw new IOException(images.getFileName() + " ends early: it is shorter than its header says", e);
        }
    }

    /** The labels file that belongs to an images file: "images" becomes "labels", idx3 becomes idx1. */
    public static Optional<Path> labelsBeside(Path images) {
        String name = images.getFileName().toString();
        String guess = name.replace("images", "labels").replace("idx3", "idx1");
        Path candidate = images.resolveSibling(guess);
        return !guess.equals(name) && Files.isRegularFile(candidate) ? Optional.of(candidate) : Optional.empty();
    }

    /** Every label of a labels file. */
    public static int[] readLabels(Path file) throws IOException {
        try (DataInputStream in = open(file)) {
            int count = header(in, file, 1)[0];
            byte[] raw = new byte[count];
            in.readFully(raw);
            int[] labels = new int[count];
            for (int i = 0; i < count; i++) {
                labels[i] = raw[i] & 0xff;
            }
            return labels;
        } catch (EOFException e) {
            throw new IOException(file.getFileName() + " ends early: it is shorter than its header says", e);
        }
    }

    private static DataInputStream open(Path file) throws IOException {
        InputStream raw = new BufferedInputStream(Files.newInputStream(file), 1 << 16);
        raw.mark(2);
        int b1 = raw.read();
        int b2 = raw.read();
        raw.reset();
        // gzip starts with 1f 8b; IDX starts with two zero bytes.
        InputStream in = b1 == 0x1f && b2 == 0x8b ? new BufferedInputStream(new GZIPInputStream(raw, 1 << 16)) : raw;
        return new DataInputStream(in);
    }

    private static int[] header(DataInputStream in, Path file, int expectedRank) throws IOException {
        int magic = in.readInt();
        int type = (magic >> 8) & 0xff;
        int rank = magic & 0xff;
        if ((magic >>> 16) != 0 || type != UBYTE) {
            throw new IOException(file.getFileName() + " is not an IDX file of unsigned bytes (magic 0x"
                    + Integer.toHexString(magic) + ")");
        }
        if (rank != expectedRank) {
            throw new IOException(file.getFileName() + " has " + rank + " dimensions; expected " + expectedRank
                    + (expectedRank == 3 ? " (pictures: count, rows, columns)" : " (labels)"));
        }
        int[] dims = new int[rank];
        for (int i = 0; i < rank; i++) {
            dims[i] = in.readInt();
            if (dims[i] <= 0 || dims[i] > 100_000_000) {
                throw new IOException(file.getFileName() + " has an impossible size " + dims[i] + " in its header");
            }
        }
        return dims;
    }
}
