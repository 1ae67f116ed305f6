package dev.netloom.train.model;

import ai.djl.ndarray.NDArray;
import ai.djl.nn.core.Linear;

import java.util.ArrayList;
import java.util.List;

/**
 * A fully connected map {@code in -> out} on the last dimension, named by a prefix: the
 * building block of Dense, heads, attention projections, experts and gates.
 *
 * @param prefix the weights' local name prefix, "" for a layer's own weight and bias
 * @param in input width
 * @param out output width
 * @param bias whether it has a bias
 */
record Projection(String prefix, long in, long out, boolean bias) {

    List<WeightSpec> weights() {
        List<WeightSpec> w = new ArrayList<>();
        w.add(WeightSpec.weight(name("weight"), in, out, in));
        if (bias) {
            w.add(WeightSpec.bias(name("bias"), in, out));
        }
        return w;
    }

    NDArray apply(LayerCall call, NDArray x) {
        return bias
                ? Linear.linear(x, call.weight(name("weight")), call.weight(name("bias"))).singletonOrThrow()
                : Linear.linear(x, call.weight(name("weight"))).singletonOrThrow();
    }

    private String name(String local) {
        return prefix.isEmpty() ? local : prefix + "." + local;
    }
}
