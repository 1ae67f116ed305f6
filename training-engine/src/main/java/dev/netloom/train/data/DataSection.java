package dev.netloom.train.data;

import com.fasterxml.jackson.databind.JsonNode;

import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Reads settings from a {@code data} section, each with its JSON path in error messages, and
 * remembers which keys were read so that a misspelt key is refused instead of ignored.
 */
final class DataSection {

    private final JsonNode node;
    private final Path projectFolder;
    private final Set<String> read = new LinkedHashSet<>();

    DataSection(JsonNode node, Path projectFolder) throws DataSectionException {
        if (node == null || !node.isObject()) {
            throw new DataSectionException("data: must be an object with a \"source\", got "
                    + (node == null ? "nothing" : shortly(node)));
        }
        this.node = node;
        this.projectFolder = projectFolder;
    }

    String requiredText(String key, String what) throws DataSectionException {
        read.add(key);
        JsonNode v = node.get(key);
        if (v == null || v.isNull()) {
            throw new DataSectionException("data." + key + ": missing; " + what);
        }
        if (!v.isTextual() || v.asText().isBlank()) {
            throw new DataSectionException("data." + key + ": must be text, got " + shortly(v));
        }
        return v.asText();
    }

    String text(String key, String fallback) throws DataSectionException {
        read.add(key);
        JsonNode v = node.get(key);
        if (v == null || v.isNull()) {
            return fallback;
        }
        if (!v.isTextual() || v.asText().isBlank()) {
            throw new DataSectionException("data." + key + ": must be text, got " + shortly(v));
        }
        return v.asText();
    }

    /** A path relative to the project folder (or absolute). */
    Path path(String key, String what) throws DataSectionException {
        return resolve(key, requiredText(key, what));
    }

    Path optionalPath(String key) throws DataSectionException {
        String text = text(key, null);
        return text == null ? null : resolve(key, text);
    }

    Path resolve(String key, String text) throws DataSectionException {
        try {
            return projectFolder.resolve(text);
        } catch (InvalidPathException e) {
            throw new DataSectionException("data." + key + ": not a file path: " + text);
        }
    }

    int wholeNumber(String key, int min, int max, int fallback) throws DataSectionException {
        read.add(key);
        JsonNode v = node.get(key);
        if (v == null || v.isNull()) {
            return fallback;
        }
        if (!v.isIntegralNumber() || !v.canConvertToLong() || v.asLong() < min || v.asLong() > max) {
            throw new DataSectionException("data." + key + ": must be a whole number from " + min + " to " + max
                    + ", got " + shortly(v));
        }
        return (int) v.asLong();
    }

    boolean bool(String key, boolean fallback) throws DataSectionException {
        read.add(key);
        JsonNode v = node.get(key);
        if (v == null || v.isNull()) {
            return fallback;
        }
        if (!v.isBoolean()) {
            throw new DataSectionException("data." + key + ": must be true or false, got " + shortly(v));
        }
        return v.asBoolean();
    }

    Long optionalLong(String key) throws DataSectionException {
        read.add(key);
        JsonNode v = node.get(key);
        if (v == null || v.isNull()) {
            return null;
        }
        if (!v.isIntegralNumber() || !v.canConvertToLong()) {
            throw new DataSectionException("data." + key + ": must be a whole number, got " + shortly(v));
        }
        return v.asLong();
    }

    double fraction(String key, double fallback) throws DataSectionException {
        read.add(key);
        JsonNode v = node.get(key);
        if (v == null || v.isNull()) {
            return fallback;
        }
        if (!v.isNumber() || v.asDouble() < 0 || v.asDouble() >= 1) {
            throw new DataSectionException("data." + key + ": must be a number from 0 to below 1, got " + shortly(v));
        }
        return v.asDouble();
    }

    /** The validation and test fractions, which must leave something to train on. */
    double[] fractions(double validation, double test) throws DataSectionException {
        double v = fraction("validationFraction", validation);
        double t = fraction("testFraction", test);
        if (v + t >= 1) {
            throw new DataSectionException("data.testFraction: validationFraction and testFraction together must be "
                    + "below 1, got " + v + " + " + t);
        }
        return new double[] {v, t};
    }

    List<String> texts(String key) throws DataSectionException {
        read.add(key);
        JsonNode v = node.get(key);
        List<String> out = new ArrayList<>();
        if (v == null || v.isNull()) {
            return out;
        }
        if (!v.isArray() || v.isEmpty()) {
            throw new DataSectionException("data." + key + ": must be a list of names, got " + shortly(v));
        }
        for (int i = 0; i < v.size(); i++) {
            JsonNode item = v.get(i);
            if (!item.isTextual() || item.asText().isBlank() || out.contains(item.asText())) {
                throw new DataSectionException("data." + key + "[" + i + "]: must be a name not listed before, got "
                        + shortly(item));
            }
            out.add(item.asText());
        }
        return out;
    }

    /** Refuses keys nobody read, which are most likely misspelt. */
    void finish(String source) throws DataSectionException {
        for (Iterator<String> it = node.fieldNames(); it.hasNext(); ) {
            String key = it.next();
            if (!read.contains(key)) {
                throw new DataSectionException("data." + key + ": not a setting of source \"" + source + "\" (settings: "
                        + String.join(", ", read) + ")");
            }
        }
    }

    private static String shortly(JsonNode v) {
        String s = v.toString();
        return s.length() > 40 ? s.substring(0, 37) + "..." : s;
    }
}
