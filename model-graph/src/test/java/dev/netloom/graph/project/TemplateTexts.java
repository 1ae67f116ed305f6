package dev.netloom.graph.project;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;

/** The shipped templates as the exact text in the resources jar, for tests that cut and damage it. */
final class TemplateTexts {

    /** The names in index.json; kept literal so a template silently dropped from the index is noticed. */
    static final List<String> NAMES = List.of(
            "small-cnn", "mobilenet-v2", "text-classifier", "image-text-qa", "moe-transformer", "image-text-moe",
            "ds-cnn-s", "mobilenet-v3-small", "efficientnet-b0", "resnet-18", "unet-segmentation");

    private TemplateTexts() {
    }

    static String text(String name) {
        String resource = "netloom/templates/" + name + ProjectFile.EXTENSION;
        try (InputStream in = TemplateTexts.class.getClassLoader().getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException(resource + " is not on the test class path");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
