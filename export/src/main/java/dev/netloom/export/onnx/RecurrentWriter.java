package dev.netloom.export.onnx;

import ai.onnx.proto.OnnxMl.AttributeProto;
import dev.netloom.graph.catalog.LayerType;
import dev.netloom.graph.layers.Recurrent;

import java.util.ArrayList;
import java.util.List;

/**
 * GRU and LSTM as ONNX's GRU and LSTM operators, computing what PyTorch's {@code nn.GRU} /
 * {@code nn.LSTM} (the training engine) compute with the same weights. The weights are stored as
 * trained, in PyTorch's gate order, at the node's precision; the gate rows are then reordered to
 * ONNX's by a Gather on the widened tensor, which the runtime folds at load:
 * <ul>
 *   <li>LSTM: PyTorch i, f, g, o → ONNX i, o, f, c;</li>
 *   <li>GRU: PyTorch r, z, n → ONNX z, r, h, with {@code linear_before_reset = 1} (PyTorch applies
 *       the reset gate after the recurrent product, bias included).</li>
 * </ul>
 * ONNX Runtime runs recurrent operators sequence first only (layout 0), so [N, T, D] is
 * transposed to [T, N, D] and the results back.
 */
final class RecurrentWriter {

    /** For each ONNX gate, PyTorch's gate at that place. */
    private static final long[] LSTM_GATES = {0, 3, 1, 2};
    private static final long[] GRU_GATES = {1, 0, 2};

    private RecurrentWriter() {
    }

    static String write(NodeWriter w) {
        OnnxGraph g = w.graph();
        boolean lstm = w.report().spec().layerType().equals(LayerType.LSTM);
        long[] order = lstm ? LSTM_GATES : GRU_GATES;
        long steps = OnnxLayers.dim(w, "in", 0);
        long input = OnnxLayers.dim(w, "in", 1);
        long hidden = w.intParam("hidden");
        int directions = Recurrent.directions(w.report().params());
        long rows = order.length * hidden;
        String gateRows = g.int64s(w.id() + ".gate_rows", rowOrder(order, hidden));

        List<String> ws = new ArrayList<>();
        List<String> rs = new ArrayList<>();
        List<String> bs = new ArrayList<>();
        for (int d = 0; d < directions; d++) {
            List<String> names = Recurrent.weightNames(d);
            ws.add(w.unsqueeze(reorder(w, w.matrix(names.get(0), rows, input), gateRows), 0));
            rs.add(w.unsqueeze(reorder(w, w.matrix(names.get(1), rows, hidden), gateRows), 0));
            float[] biasIn = w.values(names.get(2), rows);
            float[] biasHidden = w.values(names.get(3), rows);
            float[] b = new float[(int) (2 * rows)];
            int[] from = intRowOrder(order, hidden);
            for (int i = 0; i < rows; i++) {
                b[i] = biasIn[from[i]];
                b[(int) rows + i] = biasHidden[from[i]];
            }
            bs.add(g.floats(w.id() + ".B" + d, b, 1, 2 * rows));
        }
        String x = w.transpose(w.in(), 1, 0, 2);                                      // [T, N, D]
        List<String> outputs = g.ops(lstm ? OnnxOps.LSTM : OnnxOps.GRU, List.of(w.id() + "/Y", w.id() + "/Y_h"),
                List.of(x, stack(w, ws, "W"), stack(w, rs, "R"), stack(w, bs, "B")),
                recurrentAttributes(lstm, hidden, directions));
        long width = directions * hidden;
        if (Recurrent.returnsSequence(w.report().params())) {                         // Y [T, dirs, N, H]
            return w.reshape(w.transpose(outputs.get(0), 2, 0, 1, 3), 0, steps, width);
        }
        return w.reshape(w.transpose(outputs.get(1), 1, 0, 2), 0, width);             // Y_h [dirs, N, H]
    }

    private static AttributeProto[] recurrentAttributes(boolean lstm, long hidden, int directions) {
        List<AttributeProto> a = new ArrayList<>();
        a.add(Attr.of("hidden_size", hidden));
        a.add(Attr.of("direction", directions == 2 ? "bidirectional" : "forward"));
        if (!lstm) {
            a.add(Attr.of("linear_before_reset", 1L));
        }
        return a.toArray(AttributeProto[]::new);
    }

    /** Rows of a PyTorch-ordered weight in ONNX's gate order. */
    private static String reorder(NodeWriter w, String weight, String rows) {
        return w.graph().op("Gather", w.id() + "/onnx_gates", List.of(weight, rows), Attr.of("axis", 0L));
    }

    private static String stack(NodeWriter w, List<String> perDirection, String name) {
        return perDirection.size() == 1 ? perDirection.get(0)
                : w.graph().op(OnnxOps.CONCAT, w.id() + "/" + name, perDirection, Attr.of("axis", 0L));
    }

    private static long[] rowOrder(long[] gates, long hidden) {
        long[] rows = new long[(int) (gates.length * hidden)];
        for (int gate = 0; gate < gates.length; gate++) {
            for (int i = 0; i < hidden; i++) {
                rows[(int) (gate * hidden + i)] = gates[gate] * hidden + i;
            }
        }
        return rows;
    }

    private static int[] intRowOrder(long[] gates, long hidden) {
        return java.util.Arrays.stream(rowOrder(gates, hidden)).mapToInt(Math::toIntExact).toArray();
    }
}
