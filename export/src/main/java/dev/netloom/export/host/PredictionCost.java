package dev.netloom.export.host;

import dev.netloom.export.verify.OnnxSession;
import dev.netloom.graph.artifact.Tensor;

import java.util.Arrays;
import java.util.Map;

/**
 * Times whole predictions the way the studio makes them ({@link OnnxSession#run}: Java arrays
 * become ONNX Runtime tensors, the run starts, outputs are copied back), on a model so small that
 * what remains is the fixed cost of one call. That cost is paid once per prediction whatever the
 * model, and on small models it is a large part of the latency.
 */
final class PredictionCost {

    static final int RUNS = 201;

    private PredictionCost() {
    }

    /** Median microseconds of one prediction of {@code model} (input {@code x0}, [1, 16] FP32), one thread. */
    static double medianUs(byte[] model) {
        Map<String, Tensor> input = Map.of("x0", Tensor.of(new float[CalibrationModels.CHAIN_WIDTH],
                1, CalibrationModels.CHAIN_WIDTH));
        try (OnnxSession session = OnnxSession.open(model, 1)) {
            for (int i = 0; i < 500; i++) {
                session.run(input); // warm-up: lets the JIT compile the Java side, as the meter's hundreds of runs do
            }
            double[] us = new double[RUNS];
            for (int i = 0; i < RUNS; i++) {
                long start = System.nanoTime();
                session.run(input);
                us[i] = (System.nanoTime() - start) / 1e3;
            }
            Arrays.sort(us);
            return us[RUNS / 2];
        }
    }
}
