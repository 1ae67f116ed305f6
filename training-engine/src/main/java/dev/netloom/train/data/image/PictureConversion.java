package dev.netloom.train.data.image;

import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;

/**
 * Turns pictures into model input: resized bilinearly to a {@link PictureSize}, converted to
 * grey or RGB, values in [0, 1], channels first.
 */
public final class PictureConversion {

    /**
     * The resize filter, as {@code preprocess.json} names it: Java2D's bilinear filter, sampling at
     * pixel centres ({@code (x + 0.5) * in / out - 0.5}), edges clamped, each channel rounded to 8 bits.
     * A picture already at the model's size is copied unchanged.
     */
    public static final String RESIZE = "bilinear";
    /** The colour-to-grey rule: ITU-R BT.601 luma of the 8-bit RGB values, computed on values in [0, 1]. */
    public static final String GREY = "bt601";
    /** Transparent pixels: composited over black (the target picture starts black). */
    public static final String ALPHA = "over-black";

    private PictureConversion() {
    }

    /** Writes {@code picture}, resized and converted, into {@code out} at {@code offset}. */
    public static void toFloats(BufferedImage picture, PictureSize size, float[] out, int offset) {
        BufferedImage rgb = new BufferedImage(size.width(), size.height(), BufferedImage.TYPE_INT_RGB);
        Graphics2D g = rgb.createGraphics();
        try {
            g.setRenderingHint(RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_BILINEAR);
            g.setRenderingHint(RenderingHints.KEY_RENDERING, RenderingHints.VALUE_RENDER_QUALITY);
            // Transparent pixels become black, as they would in most viewers' default.
            g.drawImage(picture, 0, 0, size.width(), size.height(), null);
        } finally {
            g.dispose();
        }
        int plane = size.height() * size.width();
        for (int y = 0; y < size.height(); y++) {
            for (int x = 0; x < size.width(); x++) {
                int p = rgb.getRGB(x, y);
                float r = ((p >> 16) & 0xff) / 255f;
                float gr = ((p >> 8) & 0xff) / 255f;
                float b = (p & 0xff) / 255f;
                int i = offset + y * size.width() + x;
                if (size.channels() == 1) {
                    // ITU-R BT.601 luma, as PIL's convert("L") uses.
                    out[i] = 0.299f * r + 0.587f * gr + 0.114f * b;
                } else {
                    out[i] = r;
                    out[i + plane] = gr;
                    out[i + 2 * plane] = b;
                }
            }
        }
    }

    /**
     * Resizes one grey picture ({@code h × w} values in [0, 1]) bilinearly to {@code size},
     * repeating it over the channels (half-pixel centres, as PyTorch's align_corners=false).
     */
    public static void resizeGrey(float[] in, int inOffset, int h, int w, PictureSize size, float[] out, int offset) {
        int plane = size.height() * size.width();
        float sy = (float) h / size.height();
        float sx = (float) w / size.width();
        for (int y = 0; y < size.height(); y++) {
            float fy = Math.max(0, (y + 0.5f) * sy - 0.5f);
            int y0 = Math.min((int) fy, h - 1);
            int y1 = Math.min(y0 + 1, h - 1);
            float wy = fy - y0;
            for (int x = 0; x < size.width(); x++) {
                float fx = Math.max(0, (x + 0.5f) * sx - 0.5f);
                int x0 = Math.min((int) fx, w - 1);
                int x1 = Math.min(x0 + 1, w - 1);
                float wx = fx - x0;
                float top = in[inOffset + y0 * w + x0] * (1 - wx) + in[inOffset + y0 * w + x1] * wx;
                float bottom = in[inOffset + y1 * w + x0] * (1 - wx) + in[inOffset + y1 * w + x1] * wx;
                float v = top * (1 - wy) + bottom * wy;
                for (int c = 0; c < size.channels(); c++) {
                    out[offset + c * plane + y * size.width() + x] = v;
                }
            }
        }
    }
}
