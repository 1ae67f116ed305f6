package dev.netloom.train.data.idx;

import dev.netloom.train.data.Examples;
import dev.netloom.train.data.Field;
import dev.netloom.train.data.FieldKind;
import dev.netloom.train.data.image.PictureSize;

import java.util.List;

/**
 * Pictures with their class labels, values in [0, 1], before splitting and normalisation.
 *
 * @param size the size of each picture
 * @param pixels {@code count × size.values()} floats
 * @param labels the class of each picture
 */
public record LabelledPictures(PictureSize size, float[] pixels, int[] labels) {

    public int count() {
        return labels.length;
    }

    /** As examples with one picture field named {@code field}. */
    public Examples examples(String field) {
        return new Examples(List.of(Field.floats(field, FieldKind.IMAGE, size.shape(), pixels)), labels);
    }
}
