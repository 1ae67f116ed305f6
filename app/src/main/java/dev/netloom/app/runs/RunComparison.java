package dev.netloom.app.runs;

import dev.netloom.app.workspace.EpochRecord;
import dev.netloom.app.workspace.RunRecord;

import java.util.List;

/**
 * Two runs side by side: their settings, their curves and their results.
 *
 * @param first the first run
 * @param second the second run
 * @param settings every setting of either, marked where they differ
 * @param firstEpochs the first run's epochs
 * @param secondEpochs the second run's epochs
 */
public record RunComparison(RunRecord first, RunRecord second, List<SettingDifference> settings,
                            List<EpochRecord> firstEpochs, List<EpochRecord> secondEpochs) {

    /** Only the settings that differ. */
    public List<SettingDifference> differences() {
        return settings.stream().filter(SettingDifference::differs).toList();
    }
}
