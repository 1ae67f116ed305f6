package dev.netloom.train.data.image;

import dev.netloom.train.data.DataRequest;

import java.io.IOException;

/**
 * The size pictures are delivered at, channels first.
 *
 * @param channels 1 (grey) or 3 (RGB)
 * @param height rows
 * @param width columns
 */
public record PictureSize(int channels, int height, int width) {

    public PictureSize {
        if (channels != 1 && channels != 3) {
            throw new IllegalArgumentException("pictures have 1 (grey) or 3 (RGB) channels, got " + channels);
        }
        if (height < 1 || width < 1 || height > 4096 || width > 4096) {
            throw new IllegalArgumentException("picture size must be 1 to 4096 pixels a side, got " + height + "x" + width);
        }
    }

    /**
     * The request's size, or {@code fallback} where the graph has no picture input (zeros).
     *
     * @throws IOException when the graph asks for pictures no dataset gives (2 or 4+ channels, a side over 4096)
     */
    public static PictureSize of(DataRequest request, PictureSize fallback) throws IOException {
        if (request.imageChannels() <= 0 || request.imageHeight() <= 0 || request.imageWidth() <= 0) {
            return fallback;
        }
        try {
            return new PictureSize(request.imageChannels(), request.imageHeight(), request.imageWidth());
        } catch (IllegalArgumentException e) {
            throw new IOException("the graph's picture input: " + e.getMessage());
        }
    }

    public int values() {
        return channels * height * width;
    }

    public int[] shape() {
        return new int[] {channels, height, width};
    }

    /**
     * What {@code preprocess.json} records: the size and every rule {@link PictureConversion} applies,
     * named as docs/bundle-format.md defines them (resize filter, grey rule, transparency, layout),
     * so that a bundle's examples can repeat the conversion exactly.
     */
    public java.util.Map<String, Object> toMap() {
        java.util.Map<String, Object> m = new java.util.LinkedHashMap<>();
        m.put("kind", "image");
        m.put("channels", channels);
        m.put("height", height);
        m.put("width", width);
        m.put("resize", PictureConversion.RESIZE);
        m.put("colour", channels == 1 ? PictureConversion.GREY : "rgb");
        m.put("alpha", PictureConversion.ALPHA);
        m.put("layout", "nchw");
        m.put("scale", "pixel / 255, then (x - mean) / std per channel");
        return m;
    }
}
