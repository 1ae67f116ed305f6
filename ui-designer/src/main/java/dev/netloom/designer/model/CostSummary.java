package dev.netloom.designer.model;

import dev.netloom.graph.Units;
import dev.netloom.graph.Precision;
import dev.netloom.graph.analysis.GraphAnalysis;

/**
 * The figures the cost bar shows, taken from one analysis.
 *
 * @param parameters trainable weights
 * @param multiplyAdds multiply-adds per example (active ones, for Mixture-of-Experts)
 * @param peakActivationBytes the most activation memory alive at once for one example
 * @param fp32Bytes weight size at FP32
 * @param int8Bytes weight size at INT8
 * @param errors how many error-level problems the graph has
 */
public record CostSummary(long parameters, long multiplyAdds, long peakActivationBytes, long fp32Bytes,
                          long int8Bytes, int errors) {

    public static final CostSummary EMPTY = new CostSummary(0, 0, 0, 0, 0, 0);

    /** The summary of an analysis. */
    public static CostSummary of(GraphAnalysis analysis) {
        int errors = (int) analysis.problems().stream()
                .filter(p -> p.severity() == dev.netloom.graph.analysis.Severity.ERROR).count();
        return new CostSummary(analysis.total().parameters(), analysis.total().activeMultiplyAdds(),
                analysis.peakActivationBytes(), analysis.weightBytes(Precision.FP32),
                analysis.weightBytes(Precision.INT8), errors);
    }

    /** One line for a status bar or a test: "1.20M parameters · 300.8M multiply-adds · ...". */
    public String describe() {
        return Units.count(parameters) + " parameters · " + Units.count(multiplyAdds) + " multiply-adds · "
                + Units.bytes(peakActivationBytes) + " peak memory · " + Units.bytes(fp32Bytes) + " FP32 / "
                + Units.bytes(int8Bytes) + " INT8";
    }
}
