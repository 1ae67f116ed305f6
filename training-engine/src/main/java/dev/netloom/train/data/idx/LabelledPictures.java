package dev.netloom.train.data.idx;

import dev.netloom.train.data.Examples;
import dev.netloom.train.data.Field;
import dev.netloom.train.data.image.PictureSize;

import java.util.List;

/**
 * Pictures with their class labels, values in [0, 1], before splitting and normalisation: as the
 * file's bytes when they are delivered at the file's own size ({@link Field#pictures}, a quarter of
 * the memory of floats), as floats when they were resized.
 *
 * @param size the size of each picture
 * @param pictures one picture field, {@code count × size.values()} values
 * @param labels the class of each picture
 */
public record LabelledPictures(PictureSize size, Field pictures, int[] labels) {

    public int count() {
        return labels.length;
    }

    /** Every picture's values in [0, 1], one after another (decoded into a new array when held as bytes). */
    public float[] pixels() {
        return pictures.floats();
    }

    /** As examples with one picture field named {@code field}. */
    public Examples examples(String field) {
        return new Examples(List.of(pictures.named(field)), labels);
    }
}
