package dev.netloom.train.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.index.NDIndex;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Dynamic modality weighting: each input vector is projected to {@code dim}; a gate reads the
 * inputs side by side and gives a softmax weight per modality; the output is the weighted sum.
 */
final class GatedFusionModule implements LayerModule {

    private final Map<String, Projection> projections = new LinkedHashMap<>();
    private final Projection gate;

    /** @param widths input width by port ("a", "b", optionally "c"), in port order */
    GatedFusionModule(Map<String, Long> widths, long dim) {
        long total = 0;
        for (Map.Entry<String, Long> e : widths.entrySet()) {
            projections.put(e.getKey(), new Projection(e.getKey(), e.getValue(), dim, true));
            total += e.getValue();
        }
        this.gate = new Projection("gate", total, widths.size(), true);
    }

    @Override
    public List<WeightSpec> weights() {
        List<WeightSpec> w = new ArrayList<>();
        projections.values().forEach(p -> w.addAll(p.weights()));
        w.addAll(gate.weights());
        return w;
    }

    @Override
    public NDArray forward(LayerCall call) {
        NDList raw = new NDList();
        projections.keySet().forEach(port -> raw.add(call.input(port)));
        NDArray weights = gate.apply(call, NDArrays.concat(raw, -1)).softmax(-1); // [N, M]
        NDArray sum = null;
        int m = 0;
        for (Map.Entry<String, Projection> e : projections.entrySet()) {
            NDArray projected = e.getValue().apply(call, call.input(e.getKey()));
            NDArray weighted = projected.mul(weights.get(new NDIndex(":, {}:{}", m, m + 1)));
            sum = sum == null ? weighted : sum.add(weighted);
            m++;
        }
        return sum;
    }
}
