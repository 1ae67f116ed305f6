package dev.netloom.hpo.sampler;

import dev.netloom.hpo.FrozenTrial;
import dev.netloom.hpo.StudyDirection;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;

/**
 * Crowding distance (Deb et al. 2002): for each trial of a front, the sum over objectives of the
 * normalized gap between its two neighbours; the extremes get infinity, so they are kept first.
 */
public final class CrowdingDistance {

    private CrowdingDistance() {
    }

    public static double[] of(List<FrozenTrial> front, List<StudyDirection> directions) {
        int n = front.size();
        double[] out = new double[n];
        if (n <= 2) {
            Arrays.fill(out, Double.POSITIVE_INFINITY);
            return out;
        }
        for (int k = 0; k < directions.size(); k++) {
            final int obj = k;
            Integer[] idx = new Integer[n];
            for (int i = 0; i < n; i++) {
                idx[i] = i;
            }
            Arrays.sort(idx, Comparator.comparingDouble(i -> front.get(i).values().get(obj)));
            double lo = front.get(idx[0]).values().get(obj);
            double hi = front.get(idx[n - 1]).values().get(obj);
            out[idx[0]] = Double.POSITIVE_INFINITY;
            out[idx[n - 1]] = Double.POSITIVE_INFINITY;
            if (hi == lo) {
                continue;
            }
            for (int r = 1; r < n - 1; r++) {
                double gap = front.get(idx[r + 1]).values().get(obj) - front.get(idx[r - 1]).values().get(obj);
                out[idx[r]] += gap / (hi - lo);
            }
        }
        return out;
    }
}
