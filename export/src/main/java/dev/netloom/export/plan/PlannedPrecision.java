package dev.netloom.export.plan;

import dev.netloom.devices.PrecisionPlan;

import java.util.List;

/**
 * The plan the automatic planner chose, with what it measured.
 *
 * @param plan precision per layer
 * @param accuracy accuracy at the plan on the planning examples (share)
 * @param dropPoints drop against FP32 in percentage points
 * @param weightBytes bytes the weights take at the plan
 * @param satisfied whether the plan meets the goal (within the drop, or fits the device)
 * @param steps what the planner did, one line per step, for the report
 */
public record PlannedPrecision(PrecisionPlan plan, double accuracy, double dropPoints, long weightBytes,
                               boolean satisfied, List<String> steps) {
}
