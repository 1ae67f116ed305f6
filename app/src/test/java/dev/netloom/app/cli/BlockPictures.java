package dev.netloom.app.cli;

import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;

/** Small picture data for tests: two classes of 8×8 grey pictures whose brightness (statistics) a test chooses. */
final class BlockPictures {

    private BlockPictures() {
    }

    /**
     * Writes an IDX pair {@code PREFIX-images}, {@code PREFIX-labels} into {@code dir}: a bright 3×3
     * block on the left (class 0) or the right (class 1), on noise of {@code background}..{@code background + 40}.
     */
    static void write(Path dir, String prefix, int count, int background, long seed) throws IOException {
        Random random = new Random(seed);
        ByteArrayOutputStream images = new ByteArrayOutputStream();
        ByteArrayOutputStream labels = new ByteArrayOutputStream();
        DataOutputStream img = new DataOutputStream(images);
        DataOutputStream lab = new DataOutputStream(labels);
        img.writeInt(0x00000803);
        img.writeInt(count);
        img.writeInt(8);
        img.writeInt(8);
        lab.writeInt(0x00000801);
        lab.writeInt(count);
        for (int i = 0; i < count; i++) {
            int label = i % 2;
            int bx = label == 0 ? random.nextInt(2) : 5 + random.nextInt(1);
            int by = random.nextInt(6);
            for (int y = 0; y < 8; y++) {
                for (int x = 0; x < 8; x++) {
                    boolean block = x >= bx && x < bx + 3 && y >= by && y < by + 3;
                    img.writeByte(block ? 230 + random.nextInt(25) : background + random.nextInt(40));
                }
            }
            lab.writeByte(label);
        }
        Files.write(dir.resolve(prefix + "-images"), images.toByteArray());
        Files.write(dir.resolve(prefix + "-labels"), labels.toByteArray());
    }
}
