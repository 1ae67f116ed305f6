package dev.netloom.export.bundle;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A text template from this package's resources with {@code {{name}}} placeholders. Deliberately
 * tiny: no logic, so what a README or example says is readable in the template file itself, and
 * the code only computes values. A placeholder without a value, or a value without a placeholder,
 * is a programming error and fails loudly rather than shipping "{{x}}" to a device.
 */
final class Template {

    private static final Pattern PLACEHOLDER = Pattern.compile("\\{\\{([A-Za-z0-9_]+)}}");

    private final String name;
    private final String text;

    private Template(String name, String text) {
        this.name = name;
        this.text = text;
    }

    /** Loads {@code templates/<name>} next to this class. */
    static Template load(String name) {
        try (InputStream in = Template.class.getResourceAsStream("templates/" + name)) {
            if (in == null) {
                throw new IllegalStateException("template missing from the jar: " + name);
            }
            return new Template(name, new String(in.readAllBytes(), StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The text with every placeholder replaced; values are inserted as they are. */
    String render(Map<String, String> values) {
        Set<String> unused = new HashSet<>(values.keySet());
        Matcher m = PLACEHOLDER.matcher(text);
        StringBuilder out = new StringBuilder(text.length() + 256);
        while (m.find()) {
            String key = m.group(1);
            String value = values.get(key);
            if (value == null) {
                throw new IllegalStateException(name + ": no value for {{" + key + "}}");
            }
            unused.remove(key);
            m.appendReplacement(out, Matcher.quoteReplacement(value));
        }
        m.appendTail(out);
        if (!unused.isEmpty()) {
            throw new IllegalStateException(name + ": values without a placeholder: " + unused);
        }
        return out.toString();
    }
}
