package dev.netloom.train.data.idx;

import dev.netloom.train.data.DataIssue;
import dev.netloom.train.data.DataReport;
import dev.netloom.train.data.Field;
import dev.netloom.train.data.FieldKind;
import dev.netloom.train.data.Fingerprint;
import dev.netloom.train.data.MemoryBudget;
import dev.netloom.train.data.image.PictureConversion;
import dev.netloom.train.data.image.PictureSize;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Arrays;

/**
 * A pictures file (idx3) and its labels file (idx1), read together: the pair holds as many
 * examples as both files can give, and labels outside the class list are skipped by row.
 *
 * @param images the idx3 pictures file, raw or gzip
 * @param labels the idx1 labels file, raw or gzip
 */
public record IdxPair(Path images, Path labels) {

    /**
     * Reads the pair.
     *
     * @param size the size to deliver, or null for the files' own size in grey
     * @param classCount labels must be below this
     * @throws IOException one line naming the file when nothing usable is in it
     */
    public LabelledPictures read(PictureSize size, int classCount, DataReport report) throws IOException {
        IdxFile pictures = IdxFile.read(images, 3, report);
        IdxFile classes = IdxFile.read(labels, 1, report);
        int n = Math.min(pictures.count(), classes.count());
        int promised = Math.max(pictures.declaredCount(), classes.declaredCount());
        if (n < promised) {
            IdxFile shorter = pictures.count() < classes.count() ? pictures : classes;
            report.skipped(new DataIssue(shorter.file(), 0, pictures.count() + " pictures and " + classes.count()
                    + " labels are readable, " + promised + " were promised: " + (promised - n) + " examples left out"),
                    promised - n);
        }
        int h = pictures.dims()[1];
        int w = pictures.dims()[2];
        if (h > 4096 || w > 4096) {
            throw new IOException(images + ": pictures of " + h + "x" + w + " are larger than 4096 pixels a side");
        }
        PictureSize out = size != null ? size : new PictureSize(1, h, w);
        boolean resize = out.channels() != 1 || out.height() != h || out.width() != w;
        // At the file's own size the pictures stay the file's bytes (one per value); resized, floats.
        MemoryBudget.check(images.toString(), n, out.values(), resize ? Float.BYTES : 1);
        float[] grey = resize ? new float[h * w] : null;
        float[] pixels = resize ? new float[Math.multiplyExact(n, out.values())] : null;
        byte[] raw = pictures.data();
        byte[] codes = resize ? null : raw;
        int[] picked = new int[n];
        int kept = 0;
        for (int i = 0; i < n; i++) {
            int label = classes.data()[i] & 0xff;
            if (label >= classCount) {
                report.skipped(new DataIssue(classes.file(), i + 1, "label " + label + " is not one of the "
                        + classCount + " classes"));
                continue;
            }
            int base = i * h * w;
            if (resize) {
                for (int p = 0; p < h * w; p++) {
                    grey[p] = (raw[base + p] & 0xff) / 255f;
                }
                PictureConversion.resizeGrey(grey, 0, h, w, out, pixels, kept * out.values());
            } else if (kept != i) {
                // a skipped label moves the pictures after it down, in place
                System.arraycopy(raw, base, codes, kept * h * w, h * w);
            }
            picked[kept++] = label;
        }
        if (kept == 0) {
            throw new IOException(labels + ": no picture has a usable label");
        }
        report.read(kept);
        int values = kept * out.values();
        Field field = resize ? Field.floats(IdxReader.FIELD, FieldKind.IMAGE, out.shape(), Arrays.copyOf(pixels, values))
                : Field.pictures(IdxReader.FIELD, out.shape(), codes.length == values ? codes : Arrays.copyOf(codes, values));
        return new LabelledPictures(out, field, Arrays.copyOf(picked, kept));
    }

    /** Adds both files' bytes to a fingerprint. */
    public void fingerprint(Fingerprint fingerprint) throws IOException {
        fingerprint.file(images).file(labels);
    }
}
