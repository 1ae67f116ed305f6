package dev.netloom.hpo.storage;

import dev.netloom.hpo.FrozenTrial;
import dev.netloom.hpo.StudyDirection;
import dev.netloom.hpo.TrialState;
import dev.netloom.hpo.distribution.Distribution;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * A storage in this process's memory: fast, gone when the process ends.
 *
 * <p><b>Thread-safety:</b> safe for many threads; every method holds one lock. Snapshots are
 * cached per trial and rebuilt only after the trial changes, so reading all trials of a large
 * study is cheap (samplers do it on every suggestion).
 */
public final class InMemoryStorage implements Storage {

    private final Map<Long, StudyRecord> studies = new LinkedHashMap<>();
    private final Map<Long, List<MutableTrial>> trialsByStudy = new HashMap<>();
    private final Map<Long, MutableTrial> trials = new HashMap<>();
    private long nextStudyId = 1;
    private long nextTrialId = 1;

    @Override
    public synchronized StudyRecord createStudy(String name, List<StudyDirection> directions) {
        if (findStudy(name).isPresent()) {
            throw new StorageException("a study named '" + name + "' exists already");
        }
        StudyRecord r = new StudyRecord(nextStudyId++, name, directions);
        studies.put(r.id(), r);
        trialsByStudy.put(r.id(), new ArrayList<>());
        return r;
    }

    @Override
    public synchronized Optional<StudyRecord> findStudy(String name) {
        return studies.values().stream().filter(s -> s.name().equals(name)).findFirst();
    }

    @Override
    public synchronized List<StudyRecord> studies() {
        return List.copyOf(studies.values());
    }

    @Override
    public synchronized void deleteStudy(long studyId) {
        studies.remove(studyId);
        List<MutableTrial> gone = trialsByStudy.remove(studyId);
        if (gone != null) {
            gone.forEach(t -> trials.remove(t.id));
        }
    }

    @Override
    public synchronized FrozenTrial createTrial(long studyId, TrialState state, Map<String, Double> internalParams,
                                                Map<String, Distribution> distributions, Map<String, String> systemAttrs) {
        if (state != TrialState.RUNNING && state != TrialState.WAITING) {
            throw new IllegalArgumentException("a new trial is RUNNING or WAITING, not " + state);
        }
        List<MutableTrial> list = trialsOf(studyId);
        MutableTrial t = new MutableTrial(nextTrialId++, list.size());
        t.state = state;
        t.params.putAll(internalParams);
        t.distributions.putAll(distributions);
        t.systemAttrs.putAll(systemAttrs);
        if (state == TrialState.RUNNING) {
            t.start = Instant.now();
            t.heartbeat = t.start;
        }
        list.add(t);
        trials.put(t.id, t);
        return t.frozen();
    }

    @Override
    public synchronized Optional<FrozenTrial> claimWaitingTrial(long studyId) {
        for (MutableTrial t : trialsOf(studyId)) {
            if (t.state == TrialState.WAITING) {
                t.state = TrialState.RUNNING;
                t.start = Instant.now();
                t.heartbeat = t.start;
                t.changed();
                return Optional.of(t.frozen());
            }
        }
        return Optional.empty();
    }

    @Override
    public synchronized void setParam(long trialId, String name, Distribution distribution, double internalValue) {
        MutableTrial t = running(trialId);
        t.params.put(name, internalValue);
        t.distributions.put(name, distribution);
        t.changed();
    }

    @Override
    public synchronized void setIntermediateValue(long trialId, int step, double value) {
        MutableTrial t = running(trialId);
        t.intermediate.put(step, value);
        t.changed();
    }

    @Override
    public synchronized void setUserAttr(long trialId, String key, Object value) {
        dev.netloom.hpo.distribution.ValueText.write(value); // refuses types a database could not keep
        MutableTrial t = unfinished(trialId);
        t.userAttrs.put(key, value);
        t.changed();
    }

    @Override
    public synchronized void setSystemAttr(long trialId, String key, String value) {
        MutableTrial t = unfinished(trialId);
        t.systemAttrs.put(key, value);
        t.changed();
    }

    @Override
    public synchronized boolean finishTrial(long trialId, TrialState state, List<Double> values) {
        if (!state.isFinished()) {
            throw new IllegalArgumentException("finish to COMPLETE, PRUNED or FAIL, not " + state);
        }
        MutableTrial t = get(trialId);
        if (t.state != TrialState.RUNNING) {
            return false;
        }
        t.state = state;
        t.values = List.copyOf(values);
        t.complete = Instant.now();
        t.changed();
        return true;
    }

    @Override
    public synchronized void recordHeartbeat(long trialId) {
        MutableTrial t = get(trialId);
        if (t.state == TrialState.RUNNING) {
            t.heartbeat = Instant.now();
        }
    }

    @Override
    public synchronized List<FrozenTrial> failStaleTrials(long studyId, Duration timeout) {
        Instant limit = Instant.now().minus(timeout);
        List<FrozenTrial> reaped = new ArrayList<>();
        for (MutableTrial t : trialsOf(studyId)) {
            if (t.state == TrialState.RUNNING && t.heartbeat.isBefore(limit)) {
                t.systemAttrs.put(FrozenTrial.FAIL_REASON, StaleTrials.reason(t.heartbeat, timeout));
                t.state = TrialState.FAIL;
                t.complete = Instant.now();
                t.changed();
                reaped.add(t.frozen());
            }
        }
        return reaped;
    }

    @Override
    public synchronized FrozenTrial trial(long trialId) {
        return get(trialId).frozen();
    }

    @Override
    public synchronized List<FrozenTrial> trials(long studyId) {
        List<MutableTrial> list = trialsOf(studyId);
        List<FrozenTrial> out = new ArrayList<>(list.size());
        for (MutableTrial t : list) {
            out.add(t.frozen());
        }
        return out;
    }

    @Override
    public void close() {
        // Nothing to release.
    }

    private List<MutableTrial> trialsOf(long studyId) {
        List<MutableTrial> list = trialsByStudy.get(studyId);
        if (list == null) {
            throw new StorageException("no study with id " + studyId);
        }
        return list;
    }

    private MutableTrial get(long trialId) {
        MutableTrial t = trials.get(trialId);
        if (t == null) {
            throw new StorageException("no trial with id " + trialId);
        }
        return t;
    }

    private MutableTrial unfinished(long trialId) {
        MutableTrial t = get(trialId);
        if (t.state.isFinished()) {
            throw new IllegalStateException("trial " + t.number + " is " + t.state + "; a finished trial does not change");
        }
        return t;
    }

    private MutableTrial running(long trialId) {
        MutableTrial t = get(trialId);
        if (t.state != TrialState.RUNNING) {
            throw new IllegalStateException("trial " + t.number + " is " + t.state + ", not RUNNING");
        }
        return t;
    }

    /** The one mutable form of a trial, guarded by the storage's lock. */
    private static final class MutableTrial {
        final long id;
        final int number;
        TrialState state;
        List<Double> values = List.of();
        final Map<String, Double> params = new LinkedHashMap<>();
        final Map<String, Distribution> distributions = new LinkedHashMap<>();
        final TreeMap<Integer, Double> intermediate = new TreeMap<>();
        final Map<String, Object> userAttrs = new LinkedHashMap<>();
        final Map<String, String> systemAttrs = new LinkedHashMap<>();
        Instant start;
        Instant complete;
        Instant heartbeat;
        FrozenTrial cached;

        MutableTrial(long id, int number) {
            this.id = id;
            this.number = number;
        }

        void changed() {
            cached = null;
        }

        FrozenTrial frozen() {
            if (cached == null) {
                cached = new FrozenTrial(id, number, state, values, params, distributions, intermediate,
                        userAttrs, systemAttrs, start, complete);
            }
            return cached;
        }
    }
}
