package dev.netloom.export.onnx;

import dev.netloom.graph.Precision;

/**
 * What one node's weights cost in the file: how many weights, how many bits they take with their
 * scales and packing, and at which precision.
 *
 * @param nodeId the studio node
 * @param precision the precision its matrices were written at
 * @param quantizableWeights weights in its matrices (the part a precision applies to)
 * @param quantizedBits bits those matrices take, scales and padding included
 * @param otherWeights biases, norms and other FP32 tensors
 */
public record WeightStats(String nodeId, Precision precision, long quantizableWeights, long quantizedBits,
                          long otherWeights) {

    public WeightStats plus(long weights, long bits) {
        return new WeightStats(nodeId, precision, quantizableWeights + weights, quantizedBits + bits, otherWeights);
    }

    public WeightStats plusOther(long weights) {
        return new WeightStats(nodeId, precision, quantizableWeights, quantizedBits, otherWeights + weights);
    }

    /** Bits per weight of the matrices, scales and packing included. */
    public double bitsPerWeight() {
        return quantizableWeights == 0 ? 0 : quantizedBits / (double) quantizableWeights;
    }

    /** Bytes all of this node's weights take. */
    public long bytes() {
        return (quantizedBits + 7) / 8 + otherWeights * 4;
    }
}
