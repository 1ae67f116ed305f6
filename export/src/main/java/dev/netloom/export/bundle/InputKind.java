package dev.netloom.export.bundle;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.ArrayList;
import java.util.List;

/**
 * What an input reads, judged from its preprocessing the way the generated examples judge it at
 * run time: {@code preprocessing.kind} when given ({@code image}, {@code tokens}, {@code log-mel}
 * for audio, anything else is a table row), else int64 means token ids and a 4-D float tensor a picture.
 *
 * <p>The preprocessing keys the README and examples understand: {@code kind}, {@code channels},
 * {@code height}, {@code width}, {@code mean}, {@code std} (per channel for pictures, per column
 * for rows), {@code length}, {@code tokenizer} ({@code word} or {@code bpe}), {@code merges}.
 */
enum InputKind {
    IMAGE("image", "a picture"),
    TOKENS("tokens", "a text"),
    TABLE("table", "a row of numbers"),
    /** A sound clip made into a log-mel spectrogram (preprocessing {@code kind: "log-mel"}). */
    AUDIO("audio", "a WAV clip");

    final String key;
    final String words;

    InputKind(String key, String words) {
        this.key = key;
        this.words = words;
    }

    static InputKind of(Manifest.TensorSpec spec) {
        String kind = spec.preprocessing().path("kind").asText("");
        if (kind.equals("image")) {
            return IMAGE;
        }
        if (kind.equals("tokens")) {
            return TOKENS;
        }
        if (kind.equals("log-mel")) {
            return AUDIO;
        }
        if (!kind.isEmpty()) {
            return TABLE;
        }
        if (spec.elementType() == Manifest.ElementType.INT64) {
            return TOKENS;
        }
        return spec.shape().size() == 4 ? IMAGE : TABLE;
    }

    /** The numbers of a preprocessing array such as {@code mean}, or empty. */
    static List<Double> numbers(JsonNode pre, String key) {
        List<Double> out = new ArrayList<>();
        JsonNode a = pre.path(key);
        if (a.isArray()) {
            for (JsonNode n : a) {
                if (!n.isNumber()) {
                    return List.of();
                }
                out.add(n.doubleValue());
            }
        }
        return out;
    }
}
