package dev.netloom.graph.project;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.Locale;

/** How one-line file errors describe what they found: "a list", "text \"abc\"", "the number 12". */
final class JsonWords {

    private JsonWords() {
    }

    /** What a JSON value is, for "must be X, got Y" messages. */
    static String kind(JsonNode n) {
        return switch (n.getNodeType()) {
            case ARRAY -> "a list";
            case OBJECT -> "an object";
            case STRING -> "text \"" + clip(n.textValue()) + "\"";
            case NUMBER -> "the number " + clip(n.asText());
            case BOOLEAN -> n.asText();
            case NULL -> "null";
            default -> n.getNodeType().name().toLowerCase(Locale.ROOT);
        };
    }

    /** Text from a file, cut so that a message stays one short line. */
    static String clip(String s) {
        return s.length() > 40 ? s.substring(0, 37) + "..." : s;
    }
}
