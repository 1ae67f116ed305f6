package dev.netloom.hpo.storage;

import dev.netloom.hpo.FrozenTrial;
import dev.netloom.hpo.StudyDirection;
import dev.netloom.hpo.TrialState;
import dev.netloom.hpo.distribution.Distribution;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Where studies and their trials live.
 *
 * <p><b>Thread-safety:</b> every implementation must be safe for use by many threads at once, and
 * every method is atomic: a reader sees a trial either before or after a write, never half of it.
 * Implementations that share a database ({@link JdbcStorage}) are also safe across processes:
 * trial numbers are unique, a WAITING trial is claimed by exactly one worker, and a trial leaves
 * RUNNING exactly once ({@link #finishTrial} answers {@code false} to the loser).
 *
 * <p>Storages return {@link FrozenTrial} snapshots; nothing returned changes afterwards. A
 * finished trial (COMPLETE, PRUNED, FAIL) never changes again: parameters, reports and attributes
 * are set on WAITING or RUNNING trials only, so storages may cache finished trials.
 */
public interface Storage extends AutoCloseable {

    /** Creates a study; fails with {@link StorageException} if the name is taken. */
    StudyRecord createStudy(String name, List<StudyDirection> directions);

    /** The study of that name, if any. */
    Optional<StudyRecord> findStudy(String name);

    /** Every study, in creation order. */
    List<StudyRecord> studies();

    /** Deletes a study and all its trials. */
    void deleteStudy(long studyId);

    /**
     * Creates a trial with the next free number in the study, in state RUNNING (started now, its
     * heartbeat now) or WAITING (enqueued), with the given parameters and system attributes.
     */
    FrozenTrial createTrial(long studyId, TrialState state, Map<String, Double> internalParams,
                            Map<String, Distribution> distributions, Map<String, String> systemAttrs);

    /** Atomically moves the oldest WAITING trial of the study to RUNNING and returns it; empty if none waits. */
    Optional<FrozenTrial> claimWaitingTrial(long studyId);

    /** Records a parameter of a RUNNING trial. */
    void setParam(long trialId, String name, Distribution distribution, double internalValue);

    /** Records (or replaces) the intermediate value of a step of a RUNNING trial. */
    void setIntermediateValue(long trialId, int step, double value);

    /** Sets a user attribute of an unfinished trial: a string, number, boolean or {@code null}. */
    void setUserAttr(long trialId, String key, Object value);

    /** Sets a system attribute of an unfinished trial (for samplers, pruners and the study). */
    void setSystemAttr(long trialId, String key, String value);

    /**
     * Moves a RUNNING trial to a finished state with its values. Answers {@code false}, changing
     * nothing, if the trial is no longer RUNNING (for example reaped after a missed heartbeat).
     */
    boolean finishTrial(long trialId, TrialState state, List<Double> values);

    /** Records that the worker of a RUNNING trial is alive. */
    void recordHeartbeat(long trialId);

    /**
     * Marks FAIL every RUNNING trial of the study whose last heartbeat is older than {@code timeout},
     * with a fail reason, and returns them (as they are after the change). Trials started without
     * heartbeats are reaped too once their last heartbeat (their start) is that old, so call this
     * only for studies whose workers heart-beat.
     */
    List<FrozenTrial> failStaleTrials(long studyId, Duration timeout);

    /** A trial by id; fails with {@link StorageException} if there is none. */
    FrozenTrial trial(long trialId);

    /** All trials of a study, by number. */
    List<FrozenTrial> trials(long studyId);

    /** Releases connections and files. */
    @Override
    void close();
}
