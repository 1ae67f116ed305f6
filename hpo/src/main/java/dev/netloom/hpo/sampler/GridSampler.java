package dev.netloom.hpo.sampler;

import dev.netloom.hpo.FrozenTrial;
import dev.netloom.hpo.Study;
import dev.netloom.hpo.distribution.CategoricalDistribution;
import dev.netloom.hpo.distribution.Distribution;
import dev.netloom.hpo.distribution.IntDistribution;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;

/**
 * Tries every combination of the given values, in an order shuffled by the seed. A trial's grid
 * point is chosen when it starts (system attribute {@code grid_id}); once every point is taken,
 * points are visited again. Each suggested parameter must be in the grid and its values in range.
 * Workers that start trials at the same moment may pick the same point (as in Optuna); the grid is
 * still covered, a point may just be evaluated twice.
 */
public final class GridSampler implements Sampler {

    /** System attribute with the trial's grid point. */
    public static final String GRID_ID = "grid_id";

    private final Map<String, List<Object>> grid;
    private final List<String> names;
    private final List<Integer> order;

    public GridSampler(Map<String, ? extends List<?>> grid, long seed) {
        Map<String, List<Object>> copy = new LinkedHashMap<>();
        long size = 1;
        for (Map.Entry<String, ? extends List<?>> e : grid.entrySet()) {
            if (e.getValue().isEmpty()) {
                throw new IllegalArgumentException("grid parameter '" + e.getKey() + "' has no values");
            }
            copy.put(e.getKey(), Collections.unmodifiableList(new ArrayList<>(e.getValue())));
            size *= e.getValue().size();
        }
        if (size > 10_000_000) {
            throw new IllegalArgumentException("a grid of " + size + " points is too large to enumerate");
        }
        this.grid = Collections.unmodifiableMap(copy);
        this.names = List.copyOf(copy.keySet());
        List<Integer> ids = new ArrayList<>();
        for (int i = 0; i < size; i++) {
            ids.add(i);
        }
        Collections.shuffle(ids, new Random(seed));
        this.order = List.copyOf(ids);
    }

    /** The number of grid points. */
    public int size() {
        return order.size();
    }

    @Override
    public synchronized void beforeTrial(Study study, FrozenTrial trial) {
        Map<Integer, Integer> used = new LinkedHashMap<>();
        for (FrozenTrial t : study.trials()) {
            String id = t.systemAttrs().get(GRID_ID);
            if (id != null && t.id() != trial.id()) {
                used.merge(Integer.parseInt(id), 1, Integer::sum);
            }
        }
        // The least used point first, in the shuffled order: each point once before any twice.
        int best = order.get(0);
        int bestUses = Integer.MAX_VALUE;
        for (int id : order) {
            int uses = used.getOrDefault(id, 0);
            if (uses < bestUses) {
                best = id;
                bestUses = uses;
                if (uses == 0) {
                    break;
                }
            }
        }
        study.setTrialSystemAttr(trial.id(), GRID_ID, Integer.toString(best));
    }

    /** Whether every grid point has been taken by some trial. */
    public boolean isExhausted(Study study) {
        Set<String> taken = new HashSet<>();
        study.trials().forEach(t -> {
            if (t.systemAttrs().containsKey(GRID_ID)) {
                taken.add(t.systemAttrs().get(GRID_ID));
            }
        });
        return taken.size() >= order.size();
    }

    @Override
    public double sampleIndependent(Study study, FrozenTrial trial, String name, Distribution distribution) {
        List<Object> values = grid.get(name);
        if (values == null) {
            throw new IllegalArgumentException("parameter '" + name + "' is not in the grid " + grid.keySet());
        }
        String idText = trial.systemAttrs().get(GRID_ID);
        if (idText == null) {
            throw new IllegalStateException("trial " + trial.number() + " has no grid point; was beforeTrial called?");
        }
        int id = Integer.parseInt(idText);
        for (int k = names.size() - 1; k > names.indexOf(name); k--) {
            id /= grid.get(names.get(k)).size();
        }
        Object value = values.get(id % values.size());
        if (value instanceof Number n && distribution instanceof IntDistribution) {
            value = n.longValue();
        } else if (value instanceof Number n && !(distribution instanceof CategoricalDistribution)) {
            value = n.doubleValue();
        }
        try {
            return distribution.toInternal(value);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("grid value " + value + " of '" + name + "' is not in " + distribution, e);
        }
    }
}
