package dev.netloom.hpo.sampler;

import dev.netloom.hpo.FrozenTrial;
import dev.netloom.hpo.StudyDirection;
import dev.netloom.hpo.TrialState;
import dev.netloom.hpo.analysis.ParetoFront;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Splits trials into the good ("below") and the rest ("above"), as Optuna's TPE does: COMPLETE
 * trials that meet their constraints by loss (by Pareto front for several objectives), then
 * COMPLETE trials that break a constraint by total violation (Optuna's constrained TPE), then
 * PRUNED ones (further steps first, then their last intermediate loss), then, with the constant
 * liar, RUNNING ones as the worst.
 * The first gamma(n) are good. Both lists come back ordered by trial number.
 */
record TpeSplit(List<FrozenTrial> below, List<FrozenTrial> above) {

    static TpeSplit of(List<FrozenTrial> trials, long currentTrialId, List<StudyDirection> directions,
                       boolean constantLiar) {
        List<FrozenTrial> considered = new ArrayList<>();
        for (FrozenTrial t : trials) {
            if (t.id() == currentTrialId) {
                continue;
            }
            if (t.state() == TrialState.COMPLETE || t.state() == TrialState.PRUNED
                    || (constantLiar && t.state() == TrialState.RUNNING)) {
                considered.add(t);
            }
        }
        Map<Long, double[]> keys = keys(considered, directions);
        List<Ranked> ranking = new ArrayList<>(considered.size());
        for (FrozenTrial t : considered) {
            ranking.add(new Ranked(t, keys.get(t.id())));
        }
        ranking.sort(Ranked::compareTo);
        List<FrozenTrial> ranked = new ArrayList<>(ranking.size());
        for (Ranked r : ranking) {
            ranked.add(r.trial());
        }
        int nBelow = TpeSettings.gamma(ranked.size());
        List<FrozenTrial> below = new ArrayList<>(ranked.subList(0, nBelow));
        List<FrozenTrial> above = new ArrayList<>(ranked.subList(nBelow, ranked.size()));
        below.sort(Comparator.comparingInt(FrozenTrial::number));
        above.sort(Comparator.comparingInt(FrozenTrial::number));
        return new TpeSplit(below, above);
    }

    /** Sort keys: {group, a, b}; smaller is better. */
    private static Map<Long, double[]> keys(List<FrozenTrial> trials, List<StudyDirection> directions) {
        Map<Long, double[]> keys = new HashMap<>();
        Map<Long, Integer> frontOf = directions.size() > 1 ? frontIndex(trials, directions) : Map.of();
        for (FrozenTrial t : trials) {
            switch (t.state()) {
                case COMPLETE -> keys.put(t.id(), !t.isFeasible()
                        ? new double[] {0.5, violation(t), 0}
                        : new double[] {0, directions.size() > 1 ? frontOf.get(t.id()) : directions.get(0).toLoss(t.value()), 0});
                case PRUNED -> {
                    if (t.intermediateValues().isEmpty() || directions.size() > 1) {
                        keys.put(t.id(), new double[] {1, Double.POSITIVE_INFINITY, Double.POSITIVE_INFINITY});
                    } else {
                        double loss = directions.get(0).toLoss(t.lastIntermediateValue());
                        keys.put(t.id(), new double[] {1, -t.intermediateValues().lastKey(),
                                Double.isNaN(loss) ? Double.POSITIVE_INFINITY : loss});
                    }
                }
                default -> keys.put(t.id(), new double[] {2, 0, 0});
            }
        }
        return keys;
    }

    /** How far a trial is from meeting its constraints: the sum of the positive constraint values. */
    private static double violation(FrozenTrial t) {
        double v = 0;
        for (double c : t.constraints()) {
            v += Math.max(0, c);
        }
        return v;
    }

    private static Map<Long, Integer> frontIndex(List<FrozenTrial> trials, List<StudyDirection> directions) {
        List<FrozenTrial> complete = trials.stream().filter(t -> t.state() == TrialState.COMPLETE && t.isFeasible()).toList();
        List<List<FrozenTrial>> fronts = ParetoFront.sortFronts(complete, directions);
        Map<Long, Integer> out = new HashMap<>();
        for (int f = 0; f < fronts.size(); f++) {
            for (FrozenTrial t : fronts.get(f)) {
                out.put(t.id(), f);
            }
        }
        return out;
    }

    /** A trial with its sort key looked up once, not at every comparison. */
    private record Ranked(FrozenTrial trial, double[] key) implements Comparable<Ranked> {
        @Override
        public int compareTo(Ranked o) {
            for (int i = 0; i < key.length; i++) {
                int c = Double.compare(key[i], o.key[i]);
                if (c != 0) {
                    return c;
                }
            }
            return Integer.compare(trial.number(), o.trial.number());
        }
    }
}
