package dev.netloom.app.data;

import dev.netloom.train.data.Field;
import dev.netloom.train.data.FieldKind;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** Drawing a normalised picture and reading token ids back as text. */
class PictureAndTextTest {

    @Test
    void aGreyPictureIsScaledFromItsOwnMinimumToItsMaximum() {
        // Two 1 × 1 × 3 pictures; the second's values are standardised (negative and positive).
        Field f = Field.floats("image", FieldKind.IMAGE, new int[] {1, 1, 3}, new float[] {0, 0.5f, 1, -2, 0, 2});
        Picture second = Picture.of(f, 1);
        assertThat(second.width()).isEqualTo(3);
        assertThat(second.height()).isEqualTo(1);
        assertThat(second.argb()).containsExactly(0xff000000, 0xff808080, 0xffffffff);
    }

    @Test
    void threeChannelsAreRedGreenBlueAndAFlatPictureIsMidGrey() {
        Field rgb = Field.floats("image", FieldKind.IMAGE, new int[] {3, 1, 1}, new float[] {1, 0, 0});
        assertThat(Picture.of(rgb, 0).argb()).containsExactly(0xffff0000);
        Field flat = Field.floats("image", FieldKind.IMAGE, new int[] {1, 1, 2}, new float[] {0.3f, 0.3f});
        assertThat(Picture.of(flat, 0).argb()).containsExactly(0xff808080, 0xff808080);
    }

    @Test
    void wordTokensAreJoinedWithSpacesAndPaddingIsDropped() {
        List<String> vocabulary = List.of("[PAD]", "[UNK]", "is", "it", "a", "circle", "?");
        long[] ids = {9, 9, 2, 3, 4, 5, 6, 0, 0};
        assertThat(TokenText.decode(ids, 2, 7, vocabulary)).isEqualTo("is it a circle?");
    }

    @Test
    void bpePiecesJoinIntoWords() {
        List<String> vocabulary = List.of("[PAD]", "[UNK]", "cir", "cle</w>", "red</w>", "?</w>");
        assertThat(TokenText.decode(new long[] {4, 2, 3, 5, 0}, 0, 5, vocabulary)).isEqualTo("red circle ?");
    }
}
