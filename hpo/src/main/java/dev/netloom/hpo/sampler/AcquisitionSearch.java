package dev.netloom.hpo.sampler;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import java.util.function.ToDoubleFunction;

/**
 * Maximises an acquisition function over a {@link GpSpace}: scores random points and
 * perturbations of the best observed points, then climbs from the best few with a compass search
 * (each coordinate moved by a step that halves when no move helps; a categorical coordinate tries
 * every choice, a discrete one the neighbouring grid values). Derivative free, so integer,
 * stepped and categorical parameters need no relaxation: every point scored is one a trial can have.
 */
final class AcquisitionSearch {

    private AcquisitionSearch() {
    }

    /**
     * The best point found.
     *
     * @param anchors observed points worth searching near (the best trials), best first
     * @param randomPoints uniformly random points to score
     * @param localStarts points the compass search starts from
     */
    static double[] maximize(GpSpace space, ToDoubleFunction<double[]> score, List<double[]> anchors,
                             SplittableRandom rng, int randomPoints, int localStarts) {
        int p = space.size();
        List<double[]> candidates = new ArrayList<>();
        for (int i = 0; i < randomPoints; i++) {
            candidates.add(space.random(rng));
        }
        int perAnchor = Math.max(8, randomPoints / 8);
        for (double[] anchor : anchors) {
            for (int i = 0; i < perAnchor; i++) {
                candidates.add(perturb(space, anchor, rng, i % 3 == 0 ? 0.2 : i % 3 == 1 ? 0.05 : 0.01));
            }
        }
        double[] scores = new double[candidates.size()];
        Integer[] order = new Integer[candidates.size()];
        for (int i = 0; i < scores.length; i++) {
            scores[i] = score.applyAsDouble(candidates.get(i));
            order[i] = i;
        }
        // Highest first; ties by index keep the order reproducible.
        Arrays.sort(order, (a, b) -> scores[a] != scores[b] ? Double.compare(scores[b], scores[a]) : Integer.compare(a, b));
        double[] best = candidates.get(order[0]);
        double bestScore = scores[order[0]];
        for (int s = 0; s < Math.min(localStarts, order.length); s++) {
            double[] start = candidates.get(order[s]).clone();
            double[] result = climb(space, score, start, scores[order[s]], p);
            double value = score.applyAsDouble(result);
            if (value > bestScore) {
                best = result;
                bestScore = value;
            }
        }
        return best;
    }

    private static double[] perturb(GpSpace space, double[] anchor, SplittableRandom rng, double sd) {
        double[] x = anchor.clone();
        int p = x.length;
        boolean moved = false;
        while (!moved) {
            for (int j = 0; j < p; j++) {
                if (rng.nextDouble() >= Math.max(0.5, 1.0 / p)) {
                    continue;
                }
                if (space.isCategorical(j)) {
                    x[j] = rng.nextInt(space.choices(j));
                } else {
                    x[j] = space.snap(j, x[j] + sd * gaussian(rng));
                }
                moved = true;
            }
        }
        return x;
    }

    private static double[] climb(GpSpace space, ToDoubleFunction<double[]> score, double[] x, double value, int p) {
        double current = value;
        int evaluations = 0;
        int budget = 60 * p + 100;
        for (double step = 0.1; step >= 1e-4 && evaluations < budget; step /= 2) {
            boolean improved = true;
            while (improved && evaluations < budget) {
                improved = false;
                for (int j = 0; j < p; j++) {
                    for (double candidate : moves(space, j, x[j], step)) {
                        double keep = x[j];
                        x[j] = candidate;
                        double v = score.applyAsDouble(x);
                        evaluations++;
                        if (v > current) {
                            current = v;
                            improved = true;
                        } else {
                            x[j] = keep;
                        }
                    }
                }
            }
        }
        return x;
    }

    /** The values coordinate {@code j} may move to from {@code v} at this step size. */
    private static double[] moves(GpSpace space, int j, double v, double step) {
        if (space.isCategorical(j)) {
            double[] out = new double[space.choices(j) - 1];
            int k = 0;
            for (int c = 0; c < space.choices(j); c++) {
                if (c != v) {
                    out[k++] = c;
                }
            }
            return out;
        }
        if (!space.isDiscrete(j)) {
            return new double[] {Math.min(1, v + step), Math.max(0, v - step)};
        }
        // The next grid value up and down, however small the step.
        double up = v;
        double down = v;
        for (double s = step; s <= 1 && (up == v || down == v); s *= 2) {
            if (up == v) {
                up = space.snap(j, v + s);
            }
            if (down == v) {
                down = space.snap(j, v - s);
            }
        }
        return new double[] {up, down};
    }

    private static double gaussian(SplittableRandom rng) {
        // Box–Muller; SplittableRandom has no nextGaussian in Java 17.
        double u = 1 - rng.nextDouble();
        return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * rng.nextDouble());
    }
}
