package dev.netloom.hpo;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The text form of a trial's constraint values in its system attributes: numbers separated by
 * commas, written so that they read back exactly ({@link Double#toString}).
 */
final class Constraints {

    private Constraints() {
    }

    static String format(double... values) {
        if (values.length == 0) {
            throw new IllegalArgumentException("a trial reports at least one constraint value");
        }
        StringBuilder out = new StringBuilder();
        for (double v : values) {
            if (Double.isNaN(v)) {
                throw new IllegalArgumentException("a constraint value is a number, got NaN");
            }
            if (out.length() > 0) {
                out.append(',');
            }
            out.append(Double.toString(v));
        }
        return out.toString();
    }

    static List<Double> parse(String text) {
        if (text == null || text.isBlank()) {
            return List.of();
        }
        List<Double> out = new ArrayList<>();
        for (String part : text.split(",")) {
            try {
                out.add(Double.parseDouble(part.trim()));
            } catch (NumberFormatException e) {
                throw new IllegalStateException(String.format(Locale.ROOT,
                        "the trial's constraint values \"%s\" are not numbers separated by commas", text), e);
            }
        }
        return List.copyOf(out);
    }
}
