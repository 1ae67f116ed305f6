package dev.netloom.export;

import dev.netloom.devices.DeviceEstimate;
import dev.netloom.devices.PrecisionPlan;
import dev.netloom.export.bundle.Bundle;
import dev.netloom.export.onnx.OnnxModel;
import dev.netloom.export.plan.PlannedPrecision;
import dev.netloom.export.plan.Sensitivity;
import dev.netloom.export.verify.LatencyMeter;
import dev.netloom.export.verify.Parity;

import java.util.Optional;

/**
 * A written, verified bundle and everything measured on the way, for the report the CLI prints
 * and the export view shows.
 *
 * @param bundle where it was written, with its manifest
 * @param model the ONNX model in the bundle
 * @param plan the precision per layer
 * @param fp32Parity the FP32 export against the training engine's probe outputs (the gate)
 * @param parity the bundled model against the probe (equal to fp32Parity for FP32 bundles)
 * @param fp32Accuracy FP32 test accuracy in ONNX Runtime, NaN when not measured
 * @param accuracy the bundle's test accuracy, NaN when not measured
 * @param estimate the device estimate at the plan
 * @param thisComputer the bundle's latency measured here in ONNX Runtime, one example
 * @param planned what the automatic planner chose and why (auto only)
 * @param sensitivity the per-layer sensitivity table (auto only)
 */
public record ExportResult(Bundle bundle, OnnxModel model, PrecisionPlan plan, Parity fp32Parity, Parity parity,
                           double fp32Accuracy, double accuracy, DeviceEstimate estimate,
                           LatencyMeter.Latency thisComputer, Optional<PlannedPrecision> planned,
                           Optional<Sensitivity> sensitivity) {

    /** Accuracy drop against FP32 in percentage points, NaN when not measured. */
    public double dropPoints() {
        return (fp32Accuracy - accuracy) * 100;
    }
}
