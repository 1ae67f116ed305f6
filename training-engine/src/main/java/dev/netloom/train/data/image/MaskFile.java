package dev.netloom.train.data.image;

import dev.netloom.train.PositionLabels;

import java.awt.image.BufferedImage;
import java.util.Locale;
import java.util.Map;

/**
 * The classes a mask picture gives its picture's pixels, resized to the model's size by taking the
 * nearest pixel (classes cannot be blended). Two ways to read a class:
 * <ul>
 *   <li>by index (no palette): the grey value of a grey PNG, or the palette index of an indexed
 *       PNG (as PASCAL VOC stores its masks) is the class; 255 means unlabelled;</li>
 *   <li>by colour (a palette, {@code "#rrggbb"} → class): each pixel's colour must be one of the
 *       palette's.</li>
 * </ul>
 */
final class MaskFile {

    /** The index that marks an unlabelled pixel in index masks (PASCAL VOC's border value). */
    static final int UNLABELLED_INDEX = 255;

    private MaskFile() {
    }

    /**
     * Classes of {@code mask} at {@code height × width}, written into {@code out} from {@code offset}.
     *
     * @param palette colour (0xRRGGBB) to class, or null to read classes by index
     * @param name the mask's file, for messages
     * @return null, or one line saying why the mask cannot be read
     */
    static String classes(BufferedImage mask, Map<Integer, Integer> palette, int classes, int height, int width,
                          long[] out, int offset, String name) {
        boolean byIndex = palette == null;
        if (byIndex && mask.getRaster().getNumBands() != 1) {
            return name + ": a colour mask needs data.palette (the colour of each class); without one a mask "
                    + "must be a grey or indexed PNG whose value is the class";
        }
        for (int y = 0; y < height; y++) {
            int sy = (int) ((long) y * mask.getHeight() / height);
            for (int x = 0; x < width; x++) {
                int sx = (int) ((long) x * mask.getWidth() / width);
                long label;
                if (byIndex) {
                    int v = mask.getRaster().getSample(sx, sy, 0);
                    if (v == UNLABELLED_INDEX) {
                        label = PositionLabels.UNLABELLED;
                    } else if (v >= classes) {
                        return name + ": value " + v + " at (" + sx + ", " + sy + ") is not a class (there are "
                                + classes + " classes, 0 to " + (classes - 1) + "; 255 means unlabelled)";
                    } else {
                        label = v;
                    }
                } else {
                    int rgb = mask.getRGB(sx, sy) & 0xFFFFFF;
                    Integer c = palette.get(rgb);
                    if (c == null) {
                        return name + ": colour " + String.format(Locale.ROOT, "#%06x", rgb) + " at (" + sx + ", " + sy
                                + ") is not in data.palette";
                    }
                    label = c;
                }
                out[offset + y * width + x] = label;
            }
        }
        return null;
    }

}
