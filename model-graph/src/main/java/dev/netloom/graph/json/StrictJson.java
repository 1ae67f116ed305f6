package dev.netloom.graph.json;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.util.DefaultIndenter;
import com.fasterxml.jackson.core.util.DefaultPrettyPrinter;
import com.fasterxml.jackson.core.util.Separators;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;

import java.util.Locale;

/**
 * JSON as Netloom's own files read and write it (project files, bundle manifests): limits that
 * keep hostile input from exhausting memory or time, duplicate keys refused (two values for one
 * key would mean different things to different readers, which matters for signed manifests),
 * nothing after the value, two-space pretty printing; and the words one-line errors use for what
 * they found ("a list", {@code text "abc"}, "the number 12").
 */
public final class StrictJson {

    private static final ObjectMapper MAPPER = JsonMapper.builder(JsonFactory.builder()
                    .streamReadConstraints(StreamReadConstraints.builder()
                            .maxNestingDepth(64)
                            .maxNumberLength(64)
                            .maxStringLength(1 << 20)
                            .maxNameLength(1024)
                            .build())
                    .build())
            .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .build();

    private static final DefaultPrettyPrinter PRETTY = new DefaultPrettyPrinter()
            .withSeparators(Separators.createDefaultInstance().withObjectFieldValueSpacing(Separators.Spacing.AFTER))
            .withObjectIndenter(new DefaultIndenter("  ", "\n"))
            .withArrayIndenter(new DefaultIndenter("  ", "\n"));

    private StrictJson() {
    }

    /** The guarded reader and writer (thread-safe, shared). */
    public static ObjectMapper mapper() {
        return MAPPER;
    }

    /** Two-space indentation, {@code "key": value}. */
    public static DefaultPrettyPrinter prettyPrinter() {
        return PRETTY;
    }

    /** What a JSON value is, for "expected X, got Y" messages. */
    public static String kind(JsonNode n) {
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
    public static String clip(String s) {
        return s.length() > 40 ? s.substring(0, 37) + "..." : s;
    }
}
