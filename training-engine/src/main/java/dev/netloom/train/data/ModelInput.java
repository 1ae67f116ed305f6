package dev.netloom.train.data;

import dev.netloom.graph.TensorType;
import dev.netloom.graph.analysis.GraphAnalysis;
import dev.netloom.graph.analysis.NodeReport;
import dev.netloom.graph.catalog.Category;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * One input node of a graph, as the data layer sees it.
 *
 * @param nodeId the node's id
 * @param label the node's label, or its id when it has none
 * @param type the tensor it emits: [C, H, W] floats, [L] token ids, or [F] floats
 * @param kind the kind of dataset field that feeds it
 */
public record ModelInput(String nodeId, String label, TensorType type, FieldKind kind) {

    /** The graph's input nodes (catalog category INPUTS) whose shapes are known, in run order. */
    public static List<ModelInput> of(GraphAnalysis analysis) {
        List<ModelInput> out = new ArrayList<>();
        for (String id : analysis.order()) {
            Optional<NodeReport> report = analysis.report(id);
            if (report.isEmpty() || report.get().spec().category() != Category.INPUTS) {
                continue;
            }
            TensorType type = report.get().out();
            FieldKind kind = switch (type.kind()) {
                case IMAGE -> FieldKind.IMAGE;
                case TOKENS -> FieldKind.TOKENS;
                case VECTOR -> FieldKind.FEATURES;
                default -> null;
            };
            if (kind != null) {
                out.add(new ModelInput(id, report.get().node().displayName(), type, kind));
            }
        }
        return out;
    }

    /** The shape of one example, batch excluded, as a field's shape. */
    public int[] shape() {
        return type.dims().stream().mapToInt(Integer::intValue).toArray();
    }
}
