package dev.netloom.app.search;

import dev.netloom.graph.Units;
import dev.netloom.hpo.FrozenTrial;
import dev.netloom.hpo.TrialState;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * One line of the Tune view's trials table, in words: what {@code netloom tune} prints per trial.
 *
 * @param number the trial's number
 * @param state COMPLETE, PRUNED, FAIL, RUNNING or WAITING
 * @param parameters the chosen values, {@code fusion.dim=32 learningRate=0.002}
 * @param values the objective values ({@code 91.50% · 0.412 ms}); a pruned trial's last accuracy in brackets
 * @param duration wall time, {@code 12.3 s}; a running trial's so far
 * @param note why a trial failed, or the epoch a pruned one stopped after
 */
public record TrialRow(int number, String state, String parameters, String values, String duration, String note) {

    /** The row of a trial of a study with these objectives. */
    public static TrialRow of(FrozenTrial t, List<SearchObjective> objectives, Instant now) {
        String values;
        if (t.state() == TrialState.COMPLETE) {
            values = java.util.stream.IntStream.range(0, Math.min(objectives.size(), t.values().size()))
                    .mapToObj(i -> value(objectives.get(i), t.values().get(i))).collect(Collectors.joining(" · "));
        } else {
            values = t.intermediateValues().isEmpty() ? "" : "(" + percent(t.lastIntermediateValue()) + ")";
        }
        Instant end = t.complete() != null ? t.complete() : now;
        String duration = t.start() == null ? "" : String.format(Locale.ROOT, "%.1f s",
                Duration.between(t.start(), end).toMillis() / 1000.0);
        String note = t.state() == TrialState.FAIL ? reason(t.failReason())
                : t.state() == TrialState.PRUNED && !t.intermediateValues().isEmpty()
                ? "pruned after epoch " + t.intermediateValues().lastKey()
                : t.userAttrs().get("prunedBecause") != null ? "not trained: " + t.userAttrs().get("prunedBecause") : "";
        return new TrialRow(t.number(), t.state().name(), parameters(t), values, duration, note);
    }

    /** The chosen values with node ids and setting names as the designer shows them. */
    static String parameters(FrozenTrial t) {
        return t.params().entrySet().stream().map(e -> shortName(e.getKey()) + "=" + choice(e.getValue()))
                .collect(Collectors.joining("  "));
    }

    /** {@code node:fusion.dim} as {@code fusion.dim}, {@code training.learningRate} as {@code learningRate}. */
    public static String shortName(String target) {
        return target.replaceFirst("^node:", "").replaceFirst("^training\\.", "");
    }

    /** One objective value as people read it. */
    public static String value(SearchObjective objective, double v) {
        return switch (objective) {
            case ACCURACY -> percent(v);
            case PARAMETERS, MULTIPLY_ADDS -> Units.count(Math.round(v));
            case LATENCY -> String.format(Locale.ROOT, "%.3f ms", v);
            case ENERGY -> String.format(Locale.ROOT, "%.3g mJ", v);
        };
    }

    static String percent(double v) {
        return Double.isNaN(v) ? "-" : String.format(Locale.ROOT, "%.2f%%", v * 100);
    }

    static String choice(Object v) {
        return v instanceof Double d ? number(d) : String.valueOf(v);
    }

    /** A number in four significant digits without a trailing ".0": 0.002, 64, 1.234e-05. */
    public static String number(double v) {
        if (v == Math.rint(v) && Math.abs(v) < 1e9) {
            return Long.toString((long) v);
        }
        return String.format(Locale.ROOT, "%.4g", v).replaceFirst("(\\.\\d*?)0+(e|$)", "$1$2").replaceFirst("\\.(e|$)", "$1");
    }

    /** A fail reason without the exception's class and code location. */
    static String reason(String failReason) {
        String r = String.valueOf(failReason);
        return r.replaceFirst("^[\\w.$]+(Exception|Error): ", "").replaceFirst(" at [\\w.$<>]+\\([^)]*\\)$", "");
    }
}
