package dev.netloom.hpo;

import dev.netloom.hpo.analysis.ParetoFront;
import dev.netloom.hpo.distribution.ValueText;
import dev.netloom.hpo.pruner.PercentilePruner;
import dev.netloom.hpo.pruner.Pruner;
import dev.netloom.hpo.sampler.Sampler;
import dev.netloom.hpo.sampler.TpeSampler;
import dev.netloom.hpo.storage.InMemoryStorage;
import dev.netloom.hpo.storage.Storage;
import dev.netloom.hpo.storage.StorageException;
import dev.netloom.hpo.storage.StudyRecord;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A search for the parameters that optimize an objective.
 *
 * <p>Its life: {@linkplain #builder built} — created in a {@link Storage} or loaded from it by name
 * (a study resumes after a crash or restart exactly where its storage left it) → trials are run,
 * either by {@link #optimize} (threads in this process) or by ask/tell ({@link #ask()},
 * {@link #tell}), from as many processes as share the storage → analysed ({@link #bestTrial()},
 * {@link #bestTrials()}, {@code dev.netloom.hpo.analysis}).
 *
 * <p>Each trial suggests parameters through its {@link Trial}; the {@link Sampler} chooses them, the
 * {@link Pruner} stops hopeless trials early. Trials enqueued with {@link #enqueueTrial} run first,
 * with their fixed parameters.
 *
 * <p><b>Heartbeats:</b> with {@link Builder#optHeartbeat}, workers record a heartbeat for their
 * running trials; a RUNNING trial whose worker has been silent for the grace period is marked FAIL
 * by the next worker that asks for a trial, and (with {@link Builder#optRetryFailedTrials}) its
 * parameters are enqueued again.
 *
 * <p>A study object is thread-safe: many threads may ask, tell and optimize at once.
 */
public final class Study {

    /** System attribute on an enqueued trial: the parameters it must use, one attribute per parameter. */
    static final String FIXED_PARAM_PREFIX = "fixed_param:";
    /** System attribute on a retried trial: the number of the failed trial it repeats. */
    public static final String RETRY_OF = "retry_of";
    /** The heartbeat grace period of {@link Builder#optHeartbeat(Duration)}, in intervals. */
    public static final int DEFAULT_GRACE_INTERVALS = 3;

    private final Storage storage;
    private final StudyRecord record;
    private final Sampler sampler;
    private final Pruner pruner;
    private final Duration heartbeatInterval;
    private final Duration heartbeatGrace;
    private final int maxRetries;

    private Study(Builder b, StudyRecord record) {
        this.storage = b.storage;
        this.record = record;
        // Optuna 5's default for one objective and for several: multivariate TPE with the constant liar
        // (for several objectives it splits trials by Pareto front); NSGA-II is for budgets of hundreds.
        this.sampler = b.sampler != null ? b.sampler : new TpeSampler(new SecureRandom().nextLong());
        this.pruner = b.pruner != null ? b.pruner : PercentilePruner.median();
        this.heartbeatInterval = b.heartbeatInterval;
        this.heartbeatGrace = b.heartbeatGrace;
        this.maxRetries = b.maxRetries;
    }

    /** A builder for a study kept in {@code storage}. */
    public static Builder builder(Storage storage) {
        return new Builder(storage);
    }

    /** A new one-objective study in memory, minimizing, with the default sampler and pruner. */
    public static Study inMemory(String name) {
        return builder(new InMemoryStorage()).setName(name).build();
    }

    /**
     * A new one-objective study in memory, minimizing, with the default sampler (TPE, Optuna 5's
     * defaults) seeded with {@code seed} and the default pruner: the same objective gives the same
     * trials on every run, as Optuna's {@code create_study(sampler=TPESampler(seed=seed))}.
     */
    public static Study inMemory(String name, long seed) {
        return builder(new InMemoryStorage()).setName(name).optSampler(new TpeSampler(seed)).build();
    }

    public String name() {
        return record.name();
    }

    /** The storage id of the study. */
    public long id() {
        return record.id();
    }

    public List<StudyDirection> directions() {
        return record.directions();
    }

    /** The direction of a one-objective study. */
    public StudyDirection direction() {
        if (directions().size() != 1) {
            throw new IllegalStateException("study '" + name() + "' has " + directions().size() + " objectives");
        }
        return directions().get(0);
    }

    public boolean isMultiObjective() {
        return directions().size() > 1;
    }

    public Storage storage() {
        return storage;
    }

    public Sampler sampler() {
        return sampler;
    }

    public Pruner pruner() {
        return pruner;
    }

    /** Snapshots of all trials, by number. */
    public List<FrozenTrial> trials() {
        return storage.trials(id());
    }

    /** Snapshots of the trials in the given states, by number. */
    public List<FrozenTrial> trials(Set<TrialState> states) {
        List<FrozenTrial> out = new ArrayList<>();
        for (FrozenTrial t : trials()) {
            if (states.contains(t.state())) {
                out.add(t);
            }
        }
        return out;
    }

    /** Snapshots of the trials in the given states, by number. */
    public List<FrozenTrial> trials(TrialState first, TrialState... rest) {
        return trials(EnumSet.of(first, rest));
    }

    /** Sets a system attribute of a trial; for samplers and pruners that keep bookkeeping there. */
    public void setTrialSystemAttr(long trialId, String key, String value) {
        storage.setSystemAttr(trialId, key, value);
    }

    /**
     * Adds a trial to run before any sampled one, with these parameter values; parameters it does
     * not fix are sampled. A value outside the distribution that the objective later suggests is
     * ignored (the parameter is sampled).
     */
    public void enqueueTrial(Map<String, ?> params) {
        Map<String, String> attrs = new LinkedHashMap<>();
        params.forEach((k, v) -> attrs.put(FIXED_PARAM_PREFIX + k, ValueText.write(v)));
        storage.createTrial(id(), TrialState.WAITING, Map.of(), Map.of(), attrs);
    }

    /**
     * Starts a trial: the oldest enqueued one if any, else a new one. Fails stale trials first when
     * heartbeats are on. The caller must finish it with {@link #tell}.
     */
    public Trial ask() {
        if (heartbeatInterval != null) {
            reapStaleTrials();
        }
        FrozenTrial started = storage.claimWaitingTrial(id())
                .orElseGet(() -> storage.createTrial(id(), TrialState.RUNNING, Map.of(), Map.of(), Map.of()));
        sampler.beforeTrial(this, started);
        FrozenTrial now = storage.trial(started.id());
        Map<String, dev.netloom.hpo.distribution.Distribution> space = sampler.inferRelativeSearchSpace(this, now);
        Map<String, Double> relative = space.isEmpty() ? Map.of() : sampler.sampleRelative(this, now, space);
        return new Trial(this, now, space, relative);
    }

    /** Finishes a trial as COMPLETE with its values (one per objective); NaN values make it FAIL. */
    public FrozenTrial tell(Trial trial, double... values) {
        if (values.length != directions().size()) {
            return tellFail(trial, "objective returned " + values.length + " values, study '" + name()
                    + "' has " + directions().size() + " objectives");
        }
        for (double v : values) {
            if (Double.isNaN(v)) {
                return tellFail(trial, "objective returned NaN: " + Arrays.toString(values));
            }
        }
        return finish(trial, TrialState.COMPLETE, Arrays.stream(values).boxed().toList());
    }

    /** Finishes a trial as PRUNED; a one-objective trial keeps its last intermediate value as its value. */
    public FrozenTrial tellPruned(Trial trial) {
        FrozenTrial now = storage.trial(trial.id());
        double last = now.lastIntermediateValue();
        List<Double> values = !isMultiObjective() && !Double.isNaN(last) ? List.of(last) : List.of();
        return finish(trial, TrialState.PRUNED, values);
    }

    /** Finishes a trial as FAIL with a reason; the study goes on. */
    public FrozenTrial tellFail(Trial trial, String reason) {
        storage.setSystemAttr(trial.id(), FrozenTrial.FAIL_REASON, reason);
        return finish(trial, TrialState.FAIL, List.of());
    }

    private FrozenTrial finish(Trial trial, TrialState state, List<Double> values) {
        if (!storage.finishTrial(trial.id(), state, values)) {
            FrozenTrial now = storage.trial(trial.id());
            throw new IllegalStateException("trial " + trial.number() + " is already " + now.state()
                    + (now.failReason() != null ? " (" + now.failReason() + ")" : ""));
        }
        FrozenTrial done = storage.trial(trial.id());
        sampler.afterTrial(this, done, state, values);
        return done;
    }

    /**
     * Runs the objective as {@code settings} say: the number of trials, the time limit (a trial
     * running at the limit finishes first), the threads, the exceptions that fail only their trial,
     * and the failures in a row that stop the search. Every exception is logged with its stack
     * trace ({@link System.Logger}) and stored in its trial ({@link FrozenTrial#failReason()},
     * {@link FrozenTrial#failTrace()}).
     *
     * @throws OptimizationStopped when an exception the settings do not tolerate failed a trial, or
     *                             too many trials failed in a row
     */
    public void optimize(Objective objective, OptimizeSettings settings) {
        new Optimization(this, objective, settings).run();
    }

    /**
     * Runs the objective {@code nTrials} times in total over {@code parallelism} threads, or until
     * {@code timeout} (null for none) passes. Any exception from the objective fails its trial and
     * stops the optimization (see {@link #optimize(Objective, OptimizeSettings)} to tolerate some);
     * a NaN value fails only its trial. Storage errors end the optimization and are thrown.
     */
    public void optimize(Objective objective, int nTrials, Duration timeout, int parallelism) {
        optimize(objective, OptimizeSettings.of(nTrials).withTimeout(timeout).withParallelism(parallelism));
    }

    /** Runs the objective {@code nTrials} times in this thread. */
    public void optimize(Objective objective, int nTrials) {
        optimize(objective, nTrials, null, 1);
    }

    /** Fails RUNNING trials whose worker stopped heart-beating, and enqueues retries if allowed. */
    public List<FrozenTrial> reapStaleTrials() {
        if (heartbeatGrace == null) {
            throw new IllegalStateException("study '" + name() + "' has no heartbeat settings");
        }
        List<FrozenTrial> reaped = storage.failStaleTrials(id(), heartbeatGrace);
        for (FrozenTrial t : reaped) {
            retryIfAllowed(t);
        }
        return reaped;
    }

    private void retryIfAllowed(FrozenTrial failed) {
        if (maxRetries <= 0 || retries(failed) >= maxRetries) {
            return;
        }
        Map<String, String> attrs = new LinkedHashMap<>();
        failed.params().forEach((k, v) -> attrs.put(FIXED_PARAM_PREFIX + k, ValueText.write(v)));
        failed.systemAttrs().forEach((k, v) -> {
            if (k.startsWith(FIXED_PARAM_PREFIX) && !attrs.containsKey(k)) {
                attrs.put(k, v);
            }
        });
        attrs.put(RETRY_OF, Integer.toString(failed.number()));
        attrs.put("retry_count", Integer.toString(retries(failed) + 1));
        storage.createTrial(id(), TrialState.WAITING, Map.of(), Map.of(), attrs);
    }

    private static int retries(FrozenTrial t) {
        String n = t.systemAttrs().get("retry_count");
        return n == null ? 0 : Integer.parseInt(n);
    }

    Duration heartbeatInterval() {
        return heartbeatInterval;
    }

    /** How long a RUNNING trial may go without a heartbeat before it is failed; null without heartbeats. */
    public Duration heartbeatGrace() {
        return heartbeatGrace;
    }

    /**
     * The best COMPLETE trial of a one-objective study among those that meet their constraints
     * ({@link Trial#reportConstraints}; a trial without constraints meets them).
     */
    public FrozenTrial bestTrial() {
        StudyDirection d = direction();
        FrozenTrial best = null;
        boolean anyComplete = false;
        for (FrozenTrial t : trials(TrialState.COMPLETE)) {
            anyComplete = true;
            if (t.isFeasible() && (best == null || d.isBetter(t.value(), best.value()))) {
                best = t;
            }
        }
        if (best == null) {
            throw new IllegalStateException("study '" + name() + "' has no complete trial"
                    + (anyComplete ? " that meets its constraints" : "") + " yet");
        }
        return best;
    }

    /** The best value of a one-objective study. */
    public double bestValue() {
        return bestTrial().value();
    }

    /** The parameters of the best trial of a one-objective study. */
    public Map<String, Object> bestParams() {
        return bestTrial().params();
    }

    /**
     * The COMPLETE trials that meet their constraints and that no other such trial dominates (the
     * Pareto front; for one objective, the best trial and its ties).
     */
    public List<FrozenTrial> bestTrials() {
        return ParetoFront.of(trials(TrialState.COMPLETE).stream().filter(FrozenTrial::isFeasible).toList(),
                directions());
    }

    /** Builds a study: {@code setX} for what is required, {@code optX} for what is optional. */
    public static final class Builder {
        private final Storage storage;
        private String name;
        private List<StudyDirection> directions;
        private Sampler sampler;
        private Pruner pruner;
        private boolean loadIfExists = true;
        private Duration heartbeatInterval;
        private Duration heartbeatGrace;
        private int maxRetries;

        private Builder(Storage storage) {
            this.storage = storage;
        }

        /** The study's name, unique in its storage. */
        public Builder setName(String name) {
            this.name = name;
            return this;
        }

        /** One direction per objective; MINIMIZE for one objective if not set. */
        public Builder optDirections(StudyDirection... directions) {
            this.directions = List.of(directions);
            return this;
        }

        /**
         * The sampler; default TPE with Optuna 5's defaults (multivariate, constant liar) for one
         * objective or several, randomly seeded.
         */
        public Builder optSampler(Sampler sampler) {
            this.sampler = sampler;
            return this;
        }

        /** The pruner; default the median pruner. */
        public Builder optPruner(Pruner pruner) {
            this.pruner = pruner;
            return this;
        }

        /** Whether to load a study of that name if one exists (default) rather than fail. */
        public Builder optLoadIfExists(boolean loadIfExists) {
            this.loadIfExists = loadIfExists;
            return this;
        }

        /**
         * Heartbeats every {@code interval}; a trial silent for three intervals fails (two missed
         * beats are tolerated: a busy machine or a pause of the collector).
         */
        public Builder optHeartbeat(Duration interval) {
            return optHeartbeat(interval, interval.multipliedBy(DEFAULT_GRACE_INTERVALS));
        }

        /** Heartbeats every {@code interval}; a trial silent for {@code grace} fails. */
        public Builder optHeartbeat(Duration interval, Duration grace) {
            if (interval.compareTo(grace) >= 0) {
                throw new IllegalArgumentException("heartbeat grace " + grace + " must exceed the interval " + interval);
            }
            this.heartbeatInterval = interval;
            this.heartbeatGrace = grace;
            return this;
        }

        /** Enqueues the parameters of a trial failed by a missed heartbeat again, at most {@code maxRetries} times. */
        public Builder optRetryFailedTrials(int maxRetries) {
            this.maxRetries = maxRetries;
            return this;
        }

        /** Creates the study, or loads it when it exists and loading is allowed. */
        public Study build() {
            if (name == null || name.isBlank()) {
                throw new IllegalArgumentException("a study needs a name");
            }
            StudyRecord existing = storage.findStudy(name).orElse(null);
            if (existing != null) {
                if (!loadIfExists) {
                    throw new StorageException("a study named '" + name + "' exists already");
                }
                if (directions != null && !directions.equals(existing.directions())) {
                    throw new IllegalArgumentException("study '" + name + "' has directions " + existing.directions()
                            + ", not " + directions);
                }
                return new Study(this, existing);
            }
            List<StudyDirection> dirs = directions == null ? List.of(StudyDirection.MINIMIZE) : directions;
            if (dirs.isEmpty()) {
                throw new IllegalArgumentException("a study needs at least one direction");
            }
            StudyRecord created;
            try {
                created = storage.createStudy(name, dirs);
            } catch (StorageException e) {
                // Another process created it between our look and our insert.
                created = storage.findStudy(name).orElseThrow(() -> e);
                if (!loadIfExists) {
                    throw e;
                }
            }
            return new Study(this, created);
        }
    }
}
