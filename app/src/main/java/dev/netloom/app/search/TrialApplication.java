package dev.netloom.app.search;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.netloom.graph.Graph;
import dev.netloom.graph.edit.CompoundEdit;
import dev.netloom.graph.edit.Edit;
import dev.netloom.graph.edit.SetParam;
import dev.netloom.graph.search.SearchTarget;
import dev.netloom.hpo.FrozenTrial;
import dev.netloom.train.TrainingSection;
import dev.netloom.train.TrainingSettings;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A trial's chosen values as changes to the project: one compound graph edit for the node
 * parameters (one undo step in the designer) and a new {@code training} section for the training
 * settings. Node parameters of nodes the graph no longer has are skipped and named.
 *
 * @param trial the trial's number
 * @param graphEdit the node parameters as one edit, or null when the trial chose none
 * @param training the training section with the chosen settings, or null when it chose none
 * @param skipped targets that no longer exist in the project
 */
public record TrialApplication(int trial, Edit graphEdit, JsonNode training, List<String> skipped) {

    private static final ObjectMapper JSON = new ObjectMapper();

    public TrialApplication {
        skipped = List.copyOf(skipped);
    }

    /**
     * The changes that give {@code graph} and {@code trainingSection} (null for the defaults) the
     * trial's values.
     */
    public static TrialApplication of(FrozenTrial trial, Graph graph, JsonNode trainingSection) {
        List<Edit> edits = new ArrayList<>();
        ObjectNode training = trainingSection instanceof ObjectNode o ? o.deepCopy()
                : TrainingSection.write(TrainingSettings.defaults());
        boolean trainingChanged = false;
        List<String> skipped = new ArrayList<>();
        for (Map.Entry<String, Object> e : trial.params().entrySet()) {
            SearchTarget target = SearchTarget.parse(e.getKey());
            Object value = narrow(e.getValue());
            if (target instanceof SearchTarget.NodeParameter np) {
                if (graph.hasNode(np.nodeId())) {
                    edits.add(new SetParam(np.nodeId(), np.name(), value));
                } else {
                    skipped.add(e.getKey());
                }
            } else {
                training.set(target.name(), JSON.valueToTree(value));
                trainingChanged = true;
            }
        }
        Edit edit = edits.isEmpty() ? null : new CompoundEdit("apply trial #" + trial.number(), edits);
        return new TrialApplication(trial.number(), edit, trainingChanged ? training : null, skipped);
    }

    /** Storages read whole numbers back as {@code Long}; parameters and sections hold {@code Integer}. */
    private static Object narrow(Object v) {
        return v instanceof Long l && l >= Integer.MIN_VALUE && l <= Integer.MAX_VALUE ? (Object) l.intValue() : v;
    }
}
