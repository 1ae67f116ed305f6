package dev.netloom.devices;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.MissingNode;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

/**
 * A JSON value together with its path ({@code $.memory.bandwidthGBps}) and the file it came
 * from, so every complaint about it is one line naming both.
 */
final class JsonField {

    private final String file;
    private final String path;
    private final JsonNode node;

    JsonField(String file, String path, JsonNode node) {
        this.file = file;
        this.path = path;
        this.node = node == null ? MissingNode.getInstance() : node;
    }

    String path() {
        return path;
    }

    boolean isMissing() {
        return node.isMissingNode() || node.isNull();
    }

    JsonField get(String name) {
        return new JsonField(file, path + "." + name, node.isObject() ? node.get(name) : null);
    }

    ProfileFormatException fail(String expected) {
        return new ProfileFormatException(file + ": " + path + ": expected " + expected + ", got " + found());
    }

    private String found() {
        if (isMissing()) {
            return "nothing";
        }
        if (node.isObject()) {
            return "an object";
        }
        if (node.isArray()) {
            return "a list";
        }
        String text = node.toString();
        return text.length() > 40 ? text.substring(0, 37) + "..." : text;
    }

    JsonField object() throws ProfileFormatException {
        if (!node.isObject()) {
            throw fail("an object");
        }
        return this;
    }

    String text() throws ProfileFormatException {
        if (!node.isTextual() || node.textValue().isBlank()) {
            throw fail("text");
        }
        return node.textValue();
    }

    String textOr(String fallback) throws ProfileFormatException {
        return isMissing() ? fallback : text();
    }

    boolean bool() throws ProfileFormatException {
        if (!node.isBoolean()) {
            throw fail("true or false");
        }
        return node.booleanValue();
    }

    boolean boolOr(boolean fallback) throws ProfileFormatException {
        return isMissing() ? fallback : bool();
    }

    double positive() throws ProfileFormatException {
        if (!node.isNumber() || !Double.isFinite(node.doubleValue()) || node.doubleValue() <= 0) {
            throw fail("a positive number");
        }
        return node.doubleValue();
    }

    double nonNegative() throws ProfileFormatException {
        if (!node.isNumber() || !Double.isFinite(node.doubleValue()) || node.doubleValue() < 0) {
            throw fail("a number of at least 0");
        }
        return node.doubleValue();
    }

    int integer(int min, int max) throws ProfileFormatException {
        if (!node.isIntegralNumber() || !node.canConvertToInt() || node.intValue() < min || node.intValue() > max) {
            throw fail("a whole number from " + min + " to " + max);
        }
        return node.intValue();
    }

    /** An enum-like value given by name; {@code words} lists the accepted names for the message. */
    <T> T oneOf(Function<String, Optional<T>> parse, String words) throws ProfileFormatException {
        if (!node.isTextual()) {
            throw fail("one of " + words);
        }
        return parse.apply(node.textValue()).orElseThrow(() -> fail("one of " + words));
    }

    List<JsonField> elements() throws ProfileFormatException {
        if (!node.isArray()) {
            throw fail("a list");
        }
        List<JsonField> out = new ArrayList<>();
        for (int i = 0; i < node.size(); i++) {
            out.add(new JsonField(file, path + "[" + i + "]", node.get(i)));
        }
        return out;
    }

    List<String> fieldNames() throws ProfileFormatException {
        object();
        List<String> names = new ArrayList<>();
        node.fieldNames().forEachRemaining(names::add);
        return names;
    }
}
