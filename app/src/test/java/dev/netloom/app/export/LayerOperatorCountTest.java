package dev.netloom.app.export;

import dev.netloom.train.model.LayerCases;
import ai.onnx.proto.OnnxMl.ModelProto;
import ai.onnx.proto.OnnxMl.NodeProto;
import ai.onnx.proto.OnnxMl.TensorProto;
import dev.netloom.devices.OperatorCount;
import dev.netloom.devices.PrecisionPlan;
import dev.netloom.export.ExportOptions;
import dev.netloom.export.onnx.OnnxModel;
import dev.netloom.export.onnx.OnnxWriter;
import dev.netloom.graph.Precision;
import dev.netloom.graph.analysis.NodeReport;
import org.junit.jupiter.api.Test;

import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Keeps the estimator's operator counts ({@link OperatorCount}) honest: for every catalog layer
 * type (the cases of {@link EveryLayerExportsTest}) at FP32, FP16, INT8, INT4 and 2-bit, the
 * count equals the operators the ONNX writer actually produces for that node and that run on
 * every prediction — nodes computed from weights alone (casts and dequantization of constant
 * weights) are left out, as ONNX Runtime folds them when it loads the model.
 */
class LayerOperatorCountTest {

    private static final List<Precision> PRECISIONS = List.of(Precision.FP32, Precision.FP16, Precision.INT8,
            Precision.INT4, Precision.INT2);

    @Test
    void everyLayerTypeBecomesTheOperatorsTheEstimatorCounts() throws Exception {
        Set<String> checked = new TreeSet<>();
        for (LayerCases.Case c : LayerCases.cases().toList()) {
            try (DjlReference reference = new DjlReference(c.graph(), 2, 3)) {
                for (Precision p : PRECISIONS) {
                    OnnxModel onnx = new OnnxWriter("test").write(reference.artifact(c.name()), PrecisionPlan.uniform(p),
                            ExportOptions.defaults());
                    Map<String, Integer> written = runtimeOperatorsPerNode(ModelProto.parseFrom(onnx.bytes()));
                    for (String id : reference.analysis.order()) {
                        NodeReport r = reference.analysis.report(id).orElseThrow();
                        assertThat(OperatorCount.of(r, p)).as("%s (%s) in %s at %s", id, r.node().type(), c.name(), p)
                                .isEqualTo(written.getOrDefault(id, 0));
                        checked.add(r.node().type());
                    }
                }
            }
        }
        assertThat(checked).as("layer types checked").hasSizeGreaterThanOrEqualTo(25);
    }

    /** Nodes per owning studio node (names are "nodeId/OpType…"), without those whose inputs are all constant. */
    static Map<String, Integer> runtimeOperatorsPerNode(ModelProto model) {
        Set<String> constant = new HashSet<>();
        for (TensorProto t : model.getGraph().getInitializerList()) {
            constant.add(t.getName());
        }
        Map<String, Integer> counts = new HashMap<>();
        for (NodeProto n : model.getGraph().getNodeList()) {
            boolean folded = n.getInputList().stream().allMatch(i -> i.isEmpty() || constant.contains(i));
            if (folded) {
                constant.addAll(n.getOutputList());
                continue;
            }
            String owner = n.getName().substring(0, Math.max(0, n.getName().indexOf('/')));
            counts.merge(owner, 1, Integer::sum);
        }
        return counts;
    }
}
