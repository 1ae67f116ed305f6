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
 * @param diff every difference: training settings, data, and the graph when both models are on disk
 */
public record RunComparison(RunRecord first, RunRecord second, List<SettingDifference> settings,
                            List<EpochRecord> firstEpochs, List<EpochRecord> secondEpochs,
                            dev.netloom.app.diff.ModelDiff diff) {

    /**
     * Every row Compare lists, differences first: training settings, then data, then the graph
     * (one row per changed parameter, added or removed node or connection), then what is the same.
     */
    public List<SettingDifference> rows() {
        List<SettingDifference> differ = new java.util.ArrayList<>();
        List<SettingDifference> same = new java.util.ArrayList<>();
        for (var v : diff.training()) {
            (v.differs() ? differ : same).add(new SettingDifference("Training · " + v.key(), v.first(), v.second()));
        }
        for (var v : diff.data()) {
            (v.differs() ? differ : same).add(new SettingDifference("Data · " + v.key(), v.first(), v.second()));
        }
        var graph = diff.graph();
        if (graph != null) {
            graph.added().forEach(n -> differ.add(new SettingDifference("Graph · " + n.id(), "", "added (" + n.type() + ")")));
            graph.removed().forEach(n -> differ.add(new SettingDifference("Graph · " + n.id(), n.type(), "removed")));
            for (var c : graph.changed()) {
                c.values().forEach(v -> differ.add(new SettingDifference(
                        "Graph · " + c.id() + " (" + c.type() + ") " + v.key(), v.first(), v.second())));
            }
            graph.edgesAdded().forEach(e -> differ.add(new SettingDifference("Graph · " + e, "", "connected")));
            graph.edgesRemoved().forEach(e -> differ.add(new SettingDifference("Graph · " + e, "connected", "removed")));
        } else {
            differ.add(new SettingDifference("Graph", "not known", "a model folder is missing"));
        }
        differ.addAll(same);
        return differ;
    }

    /** Only the settings that differ. */
    public List<SettingDifference> differences() {
        return settings.stream().filter(SettingDifference::differs).toList();
    }
}
