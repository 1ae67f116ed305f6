package dev.netloom.train.data.image;

import dev.netloom.train.PositionLabels;
import dev.netloom.train.data.DataRequest;
import dev.netloom.train.data.Dataset;
import dev.netloom.train.data.Examples;
import dev.netloom.train.data.Field;
import dev.netloom.train.data.FieldKind;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import javax.imageio.ImageIO;
import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Segmentation folders: pictures with masks beside them, by index or by colour, and what is refused. */
class SegmentationFolderReaderTest {

    /** 1 channel, 4x4: each 8x8 picture is halved by the reader, its mask by nearest pixel. */
    private static final DataRequest REQUEST = new DataRequest(1, 4, 4, 0, 0, 0, 3);

    @TempDir
    Path dir;

    /** An 8x8 picture whose left half is class 1 (bright), right half class 0; pixel (7, 0) unlabelled. */
    private void example(String stem, boolean colourMask) throws Exception {
        Files.createDirectories(dir.resolve("images"));
        Files.createDirectories(dir.resolve("masks"));
        BufferedImage picture = new BufferedImage(8, 8, BufferedImage.TYPE_INT_RGB);
        BufferedImage mask = new BufferedImage(8, 8, colourMask ? BufferedImage.TYPE_INT_RGB : BufferedImage.TYPE_BYTE_GRAY);
        for (int y = 0; y < 8; y++) {
            for (int x = 0; x < 8; x++) {
                boolean left = x < 4;
                picture.setRGB(x, y, left ? 0xFFFFFF : 0x202020);
                if (colourMask) {
                    mask.setRGB(x, y, left ? 0xFF0000 : 0x000000);
                } else {
                    mask.getRaster().setSample(x, y, 0, left ? 1 : 0);
                }
            }
        }
        if (!colourMask) {
            mask.getRaster().setSample(6, 0, 0, 255);
        }
        ImageIO.write(picture, "png", dir.resolve("images").resolve(stem + ".png").toFile());
        ImageIO.write(mask, "png", dir.resolve("masks").resolve(stem + ".png").toFile());
    }

    private static Examples all(Dataset d) {
        return Examples.concat(List.of(d.train(), d.validation(), d.test()));
    }

    @Test
    void indexMasksGiveAClassPerPixelAtTheModelsSize() throws Exception {
        for (int i = 0; i < 5; i++) {
            example("p" + i, false);
        }
        Dataset d = new SegmentationFolderReader(dir, List.of("background", "object"), null, 0.2, 0.2).read(REQUEST);
        Examples all = all(d);
        assertThat(all.size()).isEqualTo(5);
        assertThat(d.classes()).containsExactly("background", "object");
        Field mask = PositionLabels.maskOf(all);
        assertThat(mask.kind()).isEqualTo(FieldKind.MASK);
        assertThat(mask.shape()).containsExactly(4, 4);
        assertThat(all.field("image").orElseThrow().shape()).containsExactly(1, 4, 4);
        // row 0 of the 4x4 mask samples source pixels x = 0, 2, 4, 6: classes 1, 1, 0 and the unlabelled 255
        assertThat(java.util.Arrays.copyOfRange(mask.ids(), 0, 4)).containsExactly(1, 1, 0, PositionLabels.UNLABELLED);
        assertThat(java.util.Arrays.copyOfRange(mask.ids(), 4, 8)).containsExactly(1, 1, 0, 0);
    }

    @Test
    void colourMasksReadTheirClassThroughThePalette() throws Exception {
        example("a", true);
        example("b", true);
        Dataset d = new SegmentationFolderReader(dir, List.of("background", "road"), Map.of(0x000000, 0, 0xFF0000, 1),
                0, 0).read(REQUEST);
        assertThat(java.util.Arrays.copyOfRange(PositionLabels.maskOf(all(d)).ids(), 0, 4)).containsExactly(1, 1, 0, 0);
    }

    @Test
    void aColourNotInThePaletteIsRefusedNamingTheFileAndPixel() throws Exception {
        example("a", true);
        assertThatThrownBy(() -> new SegmentationFolderReader(dir, List.of("background", "road"),
                Map.of(0x000000, 0, 0x00FF00, 1), 0, 0).read(REQUEST))
                .hasMessage(dir.resolve("masks/a.png") + ": colour #ff0000 at (0, 0) is not in data.palette");
    }

    @Test
    void aPictureWithoutItsMaskIsRefusedNamingBoth() throws Exception {
        example("a", false);
        Files.delete(dir.resolve("masks/a.png"));
        assertThatThrownBy(() -> new SegmentationFolderReader(dir, List.of("x", "y"), null, 0, 0).read(REQUEST))
                .hasMessage(dir.resolve("images/a.png") + ": no mask " + dir.resolve("masks/a.png")
                        + " beside it (a mask has its picture's file name stem, as a PNG)");
    }

    @Test
    void aMaskOfAnotherSizeIsRefusedNamingBothSizes() throws Exception {
        example("a", false);
        ImageIO.write(new BufferedImage(6, 8, BufferedImage.TYPE_BYTE_GRAY), "png", dir.resolve("masks/a.png").toFile());
        assertThatThrownBy(() -> new SegmentationFolderReader(dir, List.of("x", "y"), null, 0, 0).read(REQUEST))
                .hasMessage(dir.resolve("masks/a.png") + " is 6x8 but its picture " + dir.resolve("images/a.png")
                        + " is 8x8; a mask must be the size of its picture");
    }

    @Test
    void anIndexThatIsNotAClassIsRefused() throws Exception {
        example("a", false);
        BufferedImage bad = new BufferedImage(8, 8, BufferedImage.TYPE_BYTE_GRAY);
        bad.getRaster().setSample(2, 2, 0, 7); // a pixel the 4x4 mask samples
        ImageIO.write(bad, "png", dir.resolve("masks/a.png").toFile());
        assertThatThrownBy(() -> new SegmentationFolderReader(dir, List.of("x", "y"), null, 0, 0).read(REQUEST))
                .hasMessage(dir.resolve("masks/a.png") + ": value 7 at (2, 2) is not a class (there are 2 classes, "
                        + "0 to 1; 255 means unlabelled)");
    }

    @Test
    void aFolderWithoutImagesAndMasksIsRefused() {
        assertThatThrownBy(() -> new SegmentationFolderReader(dir, List.of("x", "y"), null, 0, 0).read(REQUEST))
                .hasMessage(dir + ": a segmentation folder holds images/ (the pictures) and masks/ (a mask per picture "
                        + "with the same file name stem)");
    }
}
