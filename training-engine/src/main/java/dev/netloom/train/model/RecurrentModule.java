package dev.netloom.train.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.types.Shape;
import dev.netloom.graph.catalog.LayerType;
import dev.netloom.graph.layers.Recurrent;

import java.util.ArrayList;
import java.util.List;

/**
 * A GRU or LSTM layer on [N, T, D], computed by PyTorch's own recurrent kernels (through DJL), so
 * the gates, their order and both biases are exactly {@code nn.GRU} / {@code nn.LSTM} with
 * {@code batch_first=True}. The state starts at zero. Weights start as PyTorch's do:
 * U(−1/√hidden, 1/√hidden) for every matrix and bias.
 */
final class RecurrentModule implements LayerModule {

    private final boolean lstm;
    private final long input;
    private final long hidden;
    private final int directions;
    private final boolean sequence;

    RecurrentModule(LayerType type, long input, long hidden, int directions, boolean sequence) {
        this.lstm = type.equals(LayerType.LSTM);
        this.input = input;
        this.hidden = hidden;
        this.directions = directions;
        this.sequence = sequence;
    }

    @Override
    public List<WeightSpec> weights() {
        long rows = Recurrent.gates(lstm ? LayerType.LSTM : LayerType.GRU) * hidden;
        List<WeightSpec> w = new ArrayList<>();
        for (int d = 0; d < directions; d++) {
            List<String> names = Recurrent.weightNames(d);
            w.add(WeightSpec.weight(names.get(0), hidden, rows, input));
            w.add(WeightSpec.weight(names.get(1), hidden, rows, hidden));
            w.add(WeightSpec.bias(names.get(2), hidden, rows));
            w.add(WeightSpec.bias(names.get(3), hidden, rows));
        }
        return w;
    }

    @Override
    public NDArray forward(LayerCall call) {
        NDArray x = call.in();
        long n = x.getShape().get(0);
        NDList params = new NDList();
        for (int d = 0; d < directions; d++) {
            for (String name : Recurrent.weightNames(d)) {
                params.add(call.weight(name));
            }
        }
        NDArray h0 = x.getManager().zeros(new Shape(directions, n, hidden));
        boolean bidirectional = directions == 2;
        NDList out = lstm
                ? x.getNDArrayInternal().lstm(x, new NDList(h0, x.getManager().zeros(new Shape(directions, n, hidden))),
                        params, true, 1, 0, call.training(), bidirectional, true)
                : x.getNDArrayInternal().gru(x, h0, params, true, 1, 0, call.training(), bidirectional, true);
        if (sequence) {
            return out.get(0);                                                   // [N, T, directions·hidden]
        }
        return out.get(1).transpose(1, 0, 2).reshape(new Shape(n, directions * hidden)); // final states side by side
    }
}
