package dev.netloom.app.search;

import dev.netloom.hpo.FrozenTrial;
import dev.netloom.hpo.Study;

import java.util.List;
import java.util.function.Consumer;

/**
 * Reads a running study's trials from its storage and hands on a new {@link StudyProgress} only
 * when something changed (a trial started, reported an epoch or finished), so an idle poll costs
 * one query and no redraw.
 */
final class StudyPoll {

    private final Study study;
    private final String name;
    private final List<SearchObjective> objectives;
    private final Consumer<StudyProgress> publish;
    private List<FrozenTrial> last = List.of();

    StudyPoll(Study study, String name, List<SearchObjective> objectives, Consumer<StudyProgress> publish) {
        this.study = study;
        this.name = name;
        this.objectives = objectives;
        this.publish = publish;
    }

    /** Reads the study now; called from the poller's thread and once from the search thread. */
    synchronized void now() {
        try {
            List<FrozenTrial> trials = study.trials();
            if (!trials.equals(last)) {
                last = trials;
                publish.accept(StudyProgress.of(name, objectives, trials));
            }
        } catch (RuntimeException e) {
            // A busy storage (another worker writing) is read again at the next poll.
        }
    }
}
