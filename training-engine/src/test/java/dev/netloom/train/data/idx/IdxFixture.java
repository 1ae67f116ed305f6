package dev.netloom.train.data.idx;

import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.GZIPOutputStream;

/** Writes small IDX files for tests: pictures whose pixels say which class they show. */
public final class IdxFixture {

    private IdxFixture() {
    }

    /** The bytes of an IDX file of unsigned bytes with the given dims and data. */
    public static byte[] idx(int[] dims, byte[] data) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        DataOutputStream out = new DataOutputStream(bytes);
        out.writeInt(0x0800 | dims.length);
        for (int d : dims) {
            out.writeInt(d);
        }
        out.write(data);
        out.flush();
        return bytes.toByteArray();
    }

    public static byte[] gzip(byte[] raw) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (OutputStream out = new GZIPOutputStream(bytes)) {
            out.write(raw);
        }
        return bytes.toByteArray();
    }

    /**
     * {@code labels.length} pictures of {@code h × w} where picture i is filled with
     * {@code 20 × labels[i] + 10}, plus a bright pixel at a place that depends on i.
     */
    public static byte[] pictures(int[] labels, int h, int w) throws IOException {
        byte[] data = new byte[labels.length * h * w];
        for (int i = 0; i < labels.length; i++) {
            for (int p = 0; p < h * w; p++) {
                data[i * h * w + p] = (byte) (20 * labels[i] + 10);
            }
            data[i * h * w + (i * 7) % (h * w)] = (byte) 255;
        }
        return idx(new int[] {labels.length, h, w}, data);
    }

    public static byte[] labels(int[] labels) throws IOException {
        byte[] data = new byte[labels.length];
        for (int i = 0; i < labels.length; i++) {
            data[i] = (byte) labels[i];
        }
        return idx(new int[] {labels.length}, data);
    }

    /** Labels 0..classes-1 in turn. */
    public static int[] cycle(int count, int classes) {
        int[] out = new int[count];
        for (int i = 0; i < count; i++) {
            out[i] = i % classes;
        }
        return out;
    }

    /** Writes a Fashion-MNIST-like folder: gzip train and t10k pairs of 28×28 pictures. */
    public static Path fashionFolder(Path dir, int train, int test) throws IOException {
        int[] trainLabels = cycle(train, 10);
        int[] testLabels = cycle(test, 10);
        Files.write(dir.resolve("train-images-idx3-ubyte.gz"), gzip(pictures(trainLabels, 28, 28)));
        Files.write(dir.resolve("train-labels-idx1-ubyte.gz"), gzip(labels(trainLabels)));
        Files.write(dir.resolve("t10k-images-idx3-ubyte.gz"), gzip(pictures(testLabels, 28, 28)));
        Files.write(dir.resolve("t10k-labels-idx1-ubyte.gz"), gzip(labels(testLabels)));
        return dir;
    }
}
