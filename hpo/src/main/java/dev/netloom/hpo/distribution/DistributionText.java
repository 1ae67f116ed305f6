package dev.netloom.hpo.distribution;

import java.util.ArrayList;
import java.util.List;

/**
 * A distribution as one line of text, for storages. Forms:
 * {@code float;low;high;log;step|-}, {@code int;low;high;log;step},
 * {@code cat;n;len:value...} (each choice length-prefixed, so choices may contain any character).
 */
public final class DistributionText {

    private DistributionText() {
    }

    /** The text of a distribution. */
    public static String write(Distribution d) {
        if (d instanceof FloatDistribution f) {
            return "float;" + f.low() + ";" + f.high() + ";" + f.log() + ";" + (f.step() == null ? "-" : f.step());
        } else if (d instanceof IntDistribution i) {
            return "int;" + i.low() + ";" + i.high() + ";" + i.log() + ";" + i.step();
        }
        CategoricalDistribution c = (CategoricalDistribution) d;
        StringBuilder sb = new StringBuilder("cat;").append(c.choices().size()).append(';');
        for (Object choice : c.choices()) {
            String t = ValueText.write(choice);
            sb.append(t.length()).append(':').append(t);
        }
        return sb.toString();
    }

    /** The distribution of a text made by {@link #write}. */
    public static Distribution read(String text) {
        try {
            if (text.startsWith("float;") || text.startsWith("int;")) {
                String[] p = text.split(";", -1);
                if (p.length != 5) {
                    throw new IllegalArgumentException("expected 5 fields");
                }
                if (p[0].equals("float")) {
                    return new FloatDistribution(Double.parseDouble(p[1]), Double.parseDouble(p[2]),
                            Boolean.parseBoolean(p[3]), p[4].equals("-") ? null : Double.valueOf(p[4]));
                }
                return new IntDistribution(Long.parseLong(p[1]), Long.parseLong(p[2]),
                        Boolean.parseBoolean(p[3]), Long.parseLong(p[4]));
            }
            if (text.startsWith("cat;")) {
                int at = 4;
                int semi = text.indexOf(';', at);
                int n = Integer.parseInt(text.substring(at, semi));
                at = semi + 1;
                List<Object> choices = new ArrayList<>(n);
                for (int k = 0; k < n; k++) {
                    int colon = text.indexOf(':', at);
                    int len = Integer.parseInt(text.substring(at, colon));
                    choices.add(ValueText.read(text.substring(colon + 1, colon + 1 + len)));
                    at = colon + 1 + len;
                }
                return new CategoricalDistribution(choices);
            }
        } catch (RuntimeException e) {
            throw new IllegalArgumentException("cannot read distribution '" + text + "': " + e.getMessage(), e);
        }
        throw new IllegalArgumentException("unknown distribution '" + text + "'");
    }
}
