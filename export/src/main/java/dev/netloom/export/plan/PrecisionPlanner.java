package dev.netloom.export.plan;

import dev.netloom.devices.PrecisionPlan;
import dev.netloom.graph.Precision;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

/**
 * Chooses a precision per layer automatically, from a {@link Sensitivity} table and measurements:
 * <ul>
 * <li>{@link #smallestWithin}: the smallest model whose accuracy drop is at most X points: a
 * greedy per-layer plan, or a uniform one when that is smaller. Every step is measured.</li>
 * <li>{@link #mostAccurateThatFits}: the most accurate model that fits a device. From FP32, while
 * it does not fit, the step that costs least accuracy per byte saved is taken.</li>
 * </ul>
 * Greedy, not exhaustive: a handful of evaluations instead of one per combination.
 */
public final class PrecisionPlanner {

    private final PlanEvaluator evaluator;
    private final Sensitivity sensitivity;
    private final List<Precision> allowed;

    /** @param allowed the precisions the device runs, any order */
    public PrecisionPlanner(PlanEvaluator evaluator, Sensitivity sensitivity, List<Precision> allowed) {
        this.evaluator = evaluator;
        this.sensitivity = sensitivity;
        List<Precision> sorted = new ArrayList<>(allowed);
        if (!sorted.contains(Precision.FP32)) {
            sorted.add(Precision.FP32);
        }
        sorted.sort(Comparator.comparingInt(Precision::bits).reversed()); // FP32 first, lowest last
        this.allowed = List.copyOf(sorted);
    }

    /**
     * The smallest plan whose measured drop is at most {@code maxDropPoints}: the greedy plan
     * (below), or a uniform plan when one is smaller and also within the drop, so "auto" is never
     * worse than the best single precision.
     */
    public PlannedPrecision smallestWithin(double maxDropPoints) {
        List<String> steps = new ArrayList<>();
        PrecisionPlan best = greedyWithin(maxDropPoints, steps);
        boolean satisfied = drop(best) <= maxDropPoints;
        long bestBytes = satisfied ? evaluator.write(best).weightBytes() : Long.MAX_VALUE;
        for (Precision p : allowed) {
            Map<String, Precision> uniform = new LinkedHashMap<>();
            sensitivity.layers().forEach(l -> uniform.put(l.nodeId(), p));
            PrecisionPlan plan = plan(uniform);
            double drop = drop(plan);
            long bytes = evaluator.write(plan).weightBytes();
            if (drop <= maxDropPoints && bytes < bestBytes) {
                steps.add("every layer at " + p.displayName() + " is smaller and within the drop ("
                        + String.format(java.util.Locale.ROOT, "%.2f", drop) + " points): taking it");
                best = plan;
                bestBytes = bytes;
                satisfied = true;
            }
        }
        return result(best, satisfied, steps);
    }

    /**
     * Each layer starts at the lowest precision whose drop alone is within X; while the whole
     * model drops more than X, one layer goes up one precision: the one whose raise buys the most
     * accuracy per byte, measured (or, for graphs with many layers, the one whose own drop is
     * largest, so the steps stay few).
     */
    private PrecisionPlan greedyWithin(double maxDropPoints, List<String> steps) {
        Map<String, Precision> choice = new LinkedHashMap<>();
        for (Sensitivity.Layer layer : sensitivity.layers()) {
            Precision pick = Precision.FP32;
            for (Precision p : allowed) {
                if (layer.drop(p) <= maxDropPoints) {
                    pick = p;
                }
            }
            choice.put(layer.nodeId(), pick);
        }
        steps.add("start: each layer at the lowest precision whose own drop is within " + maxDropPoints + " points");
        boolean measureRaises = choice.size() <= MEASURED_RAISES_UP_TO;
        while (true) {
            double drop = drop(plan(choice));
            steps.add(describe(choice) + " -> drop " + String.format(java.util.Locale.ROOT, "%.2f", drop) + " points");
            if (drop <= maxDropPoints) {
                return plan(choice);
            }
            String raise = measureRaises ? bestRaise(choice, drop) : largestOwnDrop(choice);
            if (raise == null) {
                return plan(choice);
            }
            Precision up = higher(choice.get(raise));
            steps.add("raise " + raise + " to " + up.displayName());
            choice.put(raise, up);
        }
    }

    /** Graphs with at most this many layers have each candidate raise measured. */
    static final int MEASURED_RAISES_UP_TO = 16;

    private String bestRaise(Map<String, Precision> choice, double drop) {
        String best = null;
        double bestGain = Double.NEGATIVE_INFINITY;
        for (Map.Entry<String, Precision> e : choice.entrySet()) {
            if (e.getValue() == Precision.FP32) {
                continue;
            }
            Map<String, Precision> raised = new LinkedHashMap<>(choice);
            raised.put(e.getKey(), higher(e.getValue()));
            long weights = sensitivity.layer(e.getKey()).orElseThrow().weights();
            long added = higher(e.getValue()).bytes(weights) - e.getValue().bytes(weights);
            double gain = (drop - drop(plan(raised))) / Math.max(1, added);
            if (gain > bestGain) {
                bestGain = gain;
                best = e.getKey();
            }
        }
        return best;
    }

    private String largestOwnDrop(Map<String, Precision> choice) {
        return choice.entrySet().stream().filter(e -> e.getValue() != Precision.FP32)
                .max(Comparator.comparingDouble(e -> sensitivity.layer(e.getKey()).orElseThrow().drop(e.getValue())))
                .map(Map.Entry::getKey).orElse(null);
    }

    /** The most accurate plan (by the sensitivity table) for which {@code fits} holds. */
    public PlannedPrecision mostAccurateThatFits(Predicate<PrecisionPlan> fits) {
        List<String> steps = new ArrayList<>();
        Map<String, Precision> choice = new LinkedHashMap<>();
        sensitivity.layers().forEach(l -> choice.put(l.nodeId(), Precision.FP32));
        while (!fits.test(plan(choice))) {
            String best = null;
            double bestCost = Double.POSITIVE_INFINITY;
            for (Sensitivity.Layer layer : sensitivity.layers()) {
                Precision now = choice.get(layer.nodeId());
                Precision down = lower(now);
                if (down == null) {
                    continue;
                }
                long saved = now.bytes(layer.weights()) - down.bytes(layer.weights());
                double cost = (Math.max(0, layer.drop(down)) - Math.max(0, layer.drop(now)) + 1e-3) / Math.max(1, saved);
                if (cost < bestCost) {
                    bestCost = cost;
                    best = layer.nodeId();
                }
            }
            if (best == null) {
                steps.add("every layer is at the lowest precision the device runs, and the model still does not fit");
                return result(plan(choice), false, steps);
            }
            choice.put(best, lower(choice.get(best)));
            steps.add("lower " + best + " to " + choice.get(best).displayName());
        }
        return result(plan(choice), true, steps);
    }

    private PlannedPrecision result(PrecisionPlan plan, boolean satisfied, List<String> steps) {
        double accuracy = evaluator.accuracy(plan);
        return new PlannedPrecision(plan, accuracy, (sensitivity.baseline() - accuracy) * 100,
                evaluator.write(plan).weightBytes(), satisfied, List.copyOf(steps));
    }

    private double drop(PrecisionPlan plan) {
        return (sensitivity.baseline() - evaluator.accuracy(plan)) * 100;
    }

    private static PrecisionPlan plan(Map<String, Precision> choice) {
        return new PrecisionPlan(Precision.FP32, choice);
    }

    private Precision higher(Precision p) {
        int i = allowed.indexOf(p);
        return i <= 0 ? Precision.FP32 : allowed.get(i - 1);
    }

    private Precision lower(Precision p) {
        int i = allowed.indexOf(p);
        return i < 0 || i == allowed.size() - 1 ? null : allowed.get(i + 1);
    }

    private static String describe(Map<String, Precision> choice) {
        Map<Precision, Integer> counts = new LinkedHashMap<>();
        choice.values().forEach(p -> counts.merge(p, 1, Integer::sum));
        List<String> parts = new ArrayList<>();
        counts.forEach((p, n) -> parts.add(n + " x " + p.displayName()));
        return String.join(", ", parts);
    }
}
