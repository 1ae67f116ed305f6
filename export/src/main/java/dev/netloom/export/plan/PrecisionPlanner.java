package dev.netloom.export.plan;

import dev.netloom.devices.PrecisionPlan;
import dev.netloom.graph.Precision;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Predicate;

/**
 * Chooses a precision per layer automatically, from a {@link Sensitivity} table and measurements:
 * <ul>
 * <li>{@link #smallestWithin}: the smallest model whose accuracy drop is at most X points. Each
 * layer starts at the lowest precision whose drop alone is within X; while the whole model drops
 * more than X, the layer whose own drop is largest goes up one precision. Every step is measured.</li>
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

    /** The smallest plan whose measured drop is at most {@code maxDropPoints}. */
    public PlannedPrecision smallestWithin(double maxDropPoints) {
        List<String> steps = new ArrayList<>();
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
        while (true) {
            PrecisionPlan plan = plan(choice);
            double drop = drop(plan);
            steps.add(describe(choice) + " -> drop " + String.format(java.util.Locale.ROOT, "%.2f", drop) + " points");
            if (drop <= maxDropPoints) {
                return result(plan, true, steps);
            }
            Optional<String> worst = choice.entrySet().stream().filter(e -> e.getValue() != Precision.FP32)
                    .max(Comparator.comparingDouble(e -> sensitivity.layer(e.getKey()).orElseThrow().drop(e.getValue())))
                    .map(Map.Entry::getKey);
            if (worst.isEmpty()) {
                return result(plan, false, steps);
            }
            Precision up = higher(choice.get(worst.get()));
            steps.add("raise " + worst.get() + " to " + up.displayName());
            choice.put(worst.get(), up);
        }
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
