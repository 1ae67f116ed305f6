package dev.netloom.export.verify;

import dev.netloom.export.Artifact;
import dev.netloom.export.ExportException;
import dev.netloom.graph.artifact.Tensor;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Runs the artifact's probe batch through an exported model and compares it with the outputs the
 * training engine recorded for the same inputs.
 */
public final class ProbeCheck {

    /** FP32 exports must match the engine this closely (absolute), or nothing is written. */
    public static final double FP32_TOLERANCE = 1e-4;

    private ProbeCheck() {
    }

    /**
     * @param tolerance the largest absolute difference allowed, or NaN to only measure
     */
    public static Parity run(OnnxSession session, Artifact artifact, double tolerance) {
        Map<String, Tensor> inputs = new LinkedHashMap<>();
        for (String id : artifact.inputIds()) {
            Tensor t = artifact.probe().get("input." + id);
            if (t == null) {
                throw new ExportException(artifact.dir().resolve(dev.netloom.graph.artifact.ArtifactLayout.PROBE) + ": no tensor input." + id
                        + " for the model's input " + id);
            }
            inputs.put(id, t);
        }
        String head = artifact.headIds().get(0);
        Tensor expected = artifact.probe().get("output." + head);
        if (expected == null) {
            throw new ExportException(artifact.dir().resolve(dev.netloom.graph.artifact.ArtifactLayout.PROBE) + ": no tensor output." + head);
        }
        Tensor actual = session.run(inputs).get(head);
        if (actual == null || actual.floats().length != expected.floats().length) {
            throw new ExportException("the exported model's output " + head + " does not have the probe's shape "
                    + java.util.Arrays.toString(expected.shape()));
        }
        int rows = (int) expected.shape()[0];
        int width = rows == 0 ? 0 : expected.floats().length / rows;
        double max = 0;
        int agree = 0;
        for (int r = 0; r < rows; r++) {
            for (int c = 0; c < width; c++) {
                max = Math.max(max, Math.abs(actual.floats()[r * width + c] - expected.floats()[r * width + c]));
            }
            agree += argmax(actual.floats(), r * width, width) == argmax(expected.floats(), r * width, width) ? 1 : 0;
        }
        boolean passed = Double.isNaN(tolerance) || max <= tolerance;
        return new Parity(rows, max, tolerance, passed, rows == 0 ? 1 : agree / (double) rows);
    }

    static int argmax(float[] values, int from, int width) {
        int best = 0;
        for (int i = 1; i < width; i++) {
            if (values[from + i] > values[from + best]) {
                best = i;
            }
        }
        return best;
    }
}
