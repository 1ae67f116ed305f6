package dev.netloom.app.search;

import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A limit a search's models must keep, written as on the command line:
 * {@code latency<=20ms@raspberry-pi-5}, {@code parameters<=1M}, {@code multiply-adds<=50M}.
 * Each is known from a trial's graph before it trains, so a trial that breaks one is stopped
 * before training (PRUNED), and its constraint value (measured − limit, ≤ 0 when kept; hpo's
 * convention) still teaches the sampler where the feasible models are.
 *
 * @param metric   what is limited
 * @param limit    the largest allowed value: milliseconds for latency, a count otherwise
 * @param deviceId the device a latency limit is estimated on, or null to use the search's {@code --device}
 * @param text     the rule as written
 */
public record SearchConstraint(Metric metric, double limit, String deviceId, String text) {

    /** What a constraint limits. */
    public enum Metric {
        /** Estimated milliseconds per example on a device ({@link TrialLatency}). */
        LATENCY("latency"),
        /** Trainable parameters. */
        PARAMETERS("parameters"),
        /** Multiply-adds per example. */
        MULTIPLY_ADDS("multiply-adds");

        private final String word;

        Metric(String word) {
            this.word = word;
        }

        public String word() {
            return word;
        }
    }

    private static final Pattern RULE = Pattern.compile(
            "\\s*([a-z-]+)\\s*(?:<=|≤)\\s*([0-9]+(?:\\.[0-9]+)?(?:[eE][+-]?[0-9]+)?)\\s*([a-zA-Zµ]*)\\s*(?:@\\s*([A-Za-z0-9._-]+))?\\s*");

    /**
     * Parses a rule.
     *
     * @throws IllegalArgumentException saying what is wrong, with the accepted forms
     */
    public static SearchConstraint parse(String text) {
        Matcher m = RULE.matcher(text == null ? "" : text);
        if (!m.matches()) {
            throw new IllegalArgumentException("constraint \"" + text + "\": write METRIC<=LIMIT, e.g. latency<=20ms@raspberry-pi-5, "
                    + "parameters<=1M or multiply-adds<=50M");
        }
        String word = m.group(1);
        Metric metric = switch (word) {
            case "latency" -> Metric.LATENCY;
            case "parameters", "params" -> Metric.PARAMETERS;
            case "multiply-adds", "macs" -> Metric.MULTIPLY_ADDS;
            default -> throw new IllegalArgumentException("constraint \"" + text + "\": unknown metric \"" + word
                    + "\"; use latency, parameters or multiply-adds");
        };
        double number = Double.parseDouble(m.group(2));
        String unit = m.group(3);
        String device = m.group(4);
        double limit;
        if (metric == Metric.LATENCY) {
            limit = switch (unit) {
                case "", "ms" -> number;
                case "s" -> number * 1000;
                case "us", "µs" -> number / 1000;
                default -> throw new IllegalArgumentException("constraint \"" + text + "\": latency is in ms, s or us, not \""
                        + unit + "\"");
            };
        } else {
            if (device != null) {
                throw new IllegalArgumentException("constraint \"" + text + "\": only a latency limit names a device");
            }
            limit = switch (unit) {
                case "" -> number;
                case "K", "k" -> number * 1e3;
                case "M" -> number * 1e6;
                case "G" -> number * 1e9;
                default -> throw new IllegalArgumentException("constraint \"" + text + "\": a count takes K, M or G, not \""
                        + unit + "\"");
            };
        }
        if (!(limit > 0)) {
            throw new IllegalArgumentException("constraint \"" + text + "\": the limit must be above 0");
        }
        return new SearchConstraint(metric, limit, device, text.strip());
    }

    /** The constraint value of a measurement: {@code measured - limit}, ≤ 0 when the limit is kept. */
    public double value(double measured) {
        return measured - limit;
    }

    /** Why a measurement breaks the limit, for the trial table: "latency 31.2 ms > 20 ms on raspberry-pi-5". */
    public String broken(double measured, String device) {
        return switch (metric) {
            case LATENCY -> String.format(Locale.ROOT, "latency %.3g ms > %.3g ms on %s", measured, limit, device);
            case PARAMETERS -> String.format(Locale.ROOT, "%,.0f parameters > %,.0f", measured, limit);
            case MULTIPLY_ADDS -> String.format(Locale.ROOT, "%,.0f multiply-adds > %,.0f", measured, limit);
        };
    }
}
