package dev.netloom.graph.layers;

import dev.netloom.graph.TensorKind;
import dev.netloom.graph.TensorType;
import dev.netloom.graph.catalog.Category;
import dev.netloom.graph.catalog.LayerContext;
import dev.netloom.graph.catalog.LayerSpec;
import dev.netloom.graph.catalog.LayerTraits;
import dev.netloom.graph.catalog.LayerType;
import dev.netloom.graph.catalog.ParamSpec;
import dev.netloom.graph.catalog.PortSpec;
import dev.netloom.graph.catalog.WeightUse;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A recurrent layer over a sequence [T, D], one layer, as PyTorch's {@code nn.GRU} and
 * {@code nn.LSTM} with {@code batch_first=True}: it returns every step's hidden state
 * [T, directions·hidden] or the final one [directions·hidden] (forward then backward, as PyTorch
 * concatenates them). {@link #gru()} and {@link #lstm()} make the two types.
 *
 * <p>Weights are PyTorch's, named as its state dict names them: per direction
 * {@code weight_ih_l0} [gates·hidden, D], {@code weight_hh_l0} [gates·hidden, hidden] and both
 * biases {@code bias_ih_l0}, {@code bias_hh_l0} [gates·hidden], with {@code _reverse} for the
 * backward direction; gates in PyTorch's order (GRU r, z, n; LSTM i, f, g, o). Multiply-adds are
 * the two matrix products per step and direction, {@code T·gates·hidden·(D + hidden)}.
 */
public final class Recurrent extends LayerSpec {

    private final int gates;

    private Recurrent(LayerType type, int gates, String description) {
        super(type, Category.RECURRENT, LayerTraits.computing(WeightUse.RECURRENT), description,
                List.of(
                        ParamSpec.integer("hidden", 64, 1, 4096, "How many numbers the layer remembers from step "
                                + "to step."),
                        ParamSpec.bool("bidirectional", false, "Also read the sequence backwards and join both "
                                + "readings (twice the weights and the output width)."),
                        ParamSpec.choice("returns", "last", List.of("last", "sequence"), "The final state only "
                                + "(for a classifier), or the state at every step (to stack another layer).")),
                List.of(PortSpec.input("in", "a sequence [T, D]", TensorKind.SEQUENCE),
                        PortSpec.output("out", "the final state, or the state at every step",
                                TensorKind.VECTOR, TensorKind.SEQUENCE)));
        this.gates = gates;
    }

    /** GRU: three gates (reset, update, new). */
    public static Recurrent gru() {
        return new Recurrent(LayerType.GRU, 3, "Reads a sequence step by step with a small memory it "
                + "updates as it goes (gated recurrent unit).");
    }

    /** LSTM: four gates (input, forget, cell, output) and a cell state beside the hidden state. */
    public static Recurrent lstm() {
        return new Recurrent(LayerType.LSTM, 4, "Reads a sequence step by step, keeping a long-term memory "
                + "it writes to and forgets from (long short-term memory).");
    }

    /** Gates per type: 3 for a GRU, 4 for an LSTM. */
    public static int gates(LayerType type) {
        return type.equals(LayerType.LSTM) ? 4 : 3;
    }

    /** 2 for a bidirectional node, else 1. */
    public static int directions(Map<String, Object> params) {
        return Boolean.TRUE.equals(params.get("bidirectional")) ? 2 : 1;
    }

    /** Whether the node returns the state at every step. */
    public static boolean returnsSequence(Map<String, Object> params) {
        return "sequence".equals(params.get("returns"));
    }

    /** The weights' local names for one direction (0 forward, 1 backward): w_ih, w_hh, b_ih, b_hh. */
    public static List<String> weightNames(int direction) {
        String suffix = direction == 0 ? "_l0" : "_l0_reverse";
        List<String> names = new ArrayList<>();
        for (String n : List.of("weight_ih", "weight_hh", "bias_ih", "bias_hh")) {
            names.add(n + suffix);
        }
        return names;
    }

    @Override
    protected Map<String, TensorType> outputs(LayerContext ctx) {
        TensorType in = ctx.in();
        int width = dimension((long) directions(ctx.params()) * ctx.intParam("hidden"));
        return Map.of("out", returnsSequence(ctx.params()) ? TensorType.floats(in.dim(0), width) : TensorType.floats(width));
    }

    @Override
    protected long parameters(LayerContext ctx) {
        long d = ctx.in().dim(1);
        long h = ctx.intParam("hidden");
        return product(directions(ctx.params()), gates, h, sum(d, h, 2));
    }

    @Override
    protected long multiplyAdds(LayerContext ctx) {
        long t = ctx.in().dim(0);
        long d = ctx.in().dim(1);
        long h = ctx.intParam("hidden");
        return product(directions(ctx.params()), t, gates, h, sum(d, h));
    }

    /** The input projections of every step, which runtimes compute at once before the recurrence. */
    @Override
    protected long workspaceBytes(LayerContext ctx) {
        return product(directions(ctx.params()), ctx.in().dim(0), gates, ctx.intParam("hidden"), 4);
    }
}
