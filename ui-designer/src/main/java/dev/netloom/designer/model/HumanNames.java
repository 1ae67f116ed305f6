package dev.netloom.designer.model;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * A parameter's file key in words for the property sheet: {@code capacityFactor} → "Capacity
 * factor", {@code mlpRatio} → "MLP ratio", {@code topK} → "Top k". The key itself stays in the
 * row's tooltip, since it is what the project file and the CLI use.
 */
public final class HumanNames {

    /** Words written in capitals wherever they appear. */
    private static final Set<String> ACRONYMS = Set.of("mlp", "id", "ids", "moe", "rgb", "bpe", "fp32", "int8", "relu", "gelu");

    private HumanNames() {
    }

    public static String of(String key) {
        if (key == null || key.isEmpty()) {
            return "";
        }
        List<String> words = new ArrayList<>();
        StringBuilder w = new StringBuilder();
        for (int i = 0; i < key.length(); i++) {
            char c = key.charAt(i);
            boolean boundary = Character.isUpperCase(c) && w.length() > 0
                    && (Character.isLowerCase(key.charAt(i - 1))
                        || (i + 1 < key.length() && Character.isLowerCase(key.charAt(i + 1))));
            if (c == '_' || c == '-' || c == ' ' || boundary) {
                if (w.length() > 0) {
                    words.add(w.toString());
                    w.setLength(0);
                }
                if (c == '_' || c == '-' || c == ' ') {
                    continue;
                }
            }
            w.append(c);
        }
        if (w.length() > 0) {
            words.add(w.toString());
        }
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < words.size(); i++) {
            String word = words.get(i);
            String lower = word.toLowerCase(Locale.ROOT);
            String shown = ACRONYMS.contains(lower) ? lower.toUpperCase(Locale.ROOT)
                    : i == 0 ? Character.toUpperCase(lower.charAt(0)) + lower.substring(1) : lower;
            if (i > 0) {
                out.append(' ');
            }
            out.append(shown);
        }
        return out.toString();
    }
}
