package dev.netloom.hpo;

import java.time.Duration;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.ArrayList;
import java.util.List;

/** One call of {@link Study#optimize}: worker threads that run trials, and their heartbeat. */
final class Optimization {

    /** How long a stored stack trace may be: enough for deep frames, bounded for the storage. */
    static final int MAX_TRACE_CHARS = 32_000;
    private static final System.Logger LOG = System.getLogger(Optimization.class.getName());

    private final Study study;
    private final Objective objective;
    private final OptimizeSettings settings;
    private final int nTrials;
    private final long deadlineNanos;
    private final int parallelism;
    private final int firstNumber;
    private final AtomicInteger started = new AtomicInteger();
    private final Set<Long> running = ConcurrentHashMap.newKeySet();
    private final AtomicReference<RuntimeException> storageFailure = new AtomicReference<>();
    private final AtomicReference<OptimizationStopped> stopped = new AtomicReference<>();

    Optimization(Study study, Objective objective, OptimizeSettings settings) {
        this.study = study;
        this.objective = objective;
        this.settings = settings;
        this.nTrials = settings.trials();
        Duration timeout = settings.timeout();
        this.deadlineNanos = timeout == null ? Long.MAX_VALUE : System.nanoTime() + timeout.toNanos();
        this.parallelism = settings.parallelism();
        // Failures in a row count from here: trials of earlier calls (a resumed study) do not.
        this.firstNumber = settings.maxConsecutiveFailures() > 0 ? study.trials().size() : 0;
    }

    void run() {
        ScheduledExecutorService heart = null;
        if (study.heartbeatInterval() != null) {
            heart = Executors.newSingleThreadScheduledExecutor(r -> daemon(r, "hpo-heartbeat-" + study.name()));
            long ms = study.heartbeatInterval().toMillis();
            heart.scheduleAtFixedRate(this::beat, ms, ms, TimeUnit.MILLISECONDS);
        }
        try {
            if (parallelism == 1) {
                work();
            } else {
                runThreads();
            }
        } finally {
            if (heart != null) {
                heart.shutdownNow();
            }
        }
        if (storageFailure.get() != null) {
            throw storageFailure.get();
        }
        if (stopped.get() != null) {
            throw stopped.get();
        }
    }

    private void runThreads() {
        AtomicInteger n = new AtomicInteger();
        ExecutorService pool = Executors.newFixedThreadPool(parallelism,
                r -> daemon(r, "hpo-worker-" + study.name() + "-" + n.getAndIncrement()));
        List<Future<?>> futures = new ArrayList<>();
        for (int i = 0; i < parallelism; i++) {
            futures.add(pool.submit(this::work));
        }
        pool.shutdown();
        for (Future<?> f : futures) {
            try {
                f.get();
            } catch (InterruptedException e) {
                pool.shutdownNow();
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while optimizing study '" + study.name() + "'", e);
            } catch (java.util.concurrent.ExecutionException e) {
                if (e.getCause() instanceof Error err) {
                    throw err;
                }
                storageFailure.compareAndSet(null, new IllegalStateException(e.getCause().getMessage(), e.getCause()));
            }
        }
    }

    private void work() {
        while (storageFailure.get() == null && stopped.get() == null && System.nanoTime() < deadlineNanos
                && started.getAndIncrement() < nTrials) {
            try {
                runOne();
            } catch (RuntimeException e) {
                // Objective failures are handled in runOne; what reaches here is the study's own machinery.
                storageFailure.compareAndSet(null, e);
                return;
            }
        }
    }

    private void runOne() {
        Trial trial = study.ask();
        running.add(trial.id());
        try {
            double[] values;
            try {
                values = objective.evaluate(trial);
            } catch (TrialPruned p) {
                if (!reapedMeanwhile(trial)) {
                    study.tellPruned(trial);
                }
                return;
            } catch (Exception e) {
                if (!reapedMeanwhile(trial)) {
                    failed(trial, e);
                }
                return;
            } catch (Error e) {
                if (!reapedMeanwhile(trial)) {
                    failed(trial, e);
                }
                throw e;
            }
            if (reapedMeanwhile(trial)) {
                return;
            }
            if (values == null) {
                study.tellFail(trial, "objective returned null");
                checkFailuresInARow();
            } else {
                FrozenTrial done = study.tell(trial, values);
                if (done.state() == TrialState.FAIL) {
                    checkFailuresInARow(); // NaN or a wrong number of values
                }
            }
        } finally {
            running.remove(trial.id());
        }
    }

    /**
     * Whether another worker gave this trial up while it ran here (its heartbeats did not reach the
     * storage within the grace period, e.g. on a machine loaded far beyond its cores). Its result is
     * then dropped with one log line — the reaper fails it and a retry, if asked for, runs it
     * again — instead of stopping this worker on a trial that can no longer change.
     */
    private boolean reapedMeanwhile(Trial trial) {
        TrialState now = study.storage().trial(trial.id()).state();
        if (now == TrialState.RUNNING) {
            return false;
        }
        LOG.log(System.Logger.Level.WARNING, "study '" + study.name() + "': trial #" + trial.number()
                + " was given up by another worker while it ran here (it is " + now + "); its result is dropped");
        return true;
    }

    /**
     * The objective threw: the trial fails with the reason and the whole stack trace stored, the
     * trace is logged, and unless the caller tolerates the exception the optimization stops.
     */
    private void failed(Trial trial, Throwable e) {
        String trace = trace(e);
        study.storage().setSystemAttr(trial.id(), FrozenTrial.FAIL_TRACE, trace);
        FrozenTrial done = study.tellFail(trial, describe(e));
        boolean tolerated = settings.tolerates(e);
        // A tolerated failure is expected (a model that does not fit, a diverging run): its trace is
        // kept in the trial and logged for debugging; anything else is an error in the objective.
        LOG.log(tolerated ? System.Logger.Level.DEBUG : System.Logger.Level.ERROR,
                "study '" + study.name() + "': trial #" + trial.number() + " failed", e);
        if (!tolerated) {
            stopped.compareAndSet(null, new OptimizationStopped("trial #" + trial.number() + " of study '" + study.name()
                    + "' failed and stopped the optimization: " + e, done, e));
        } else {
            checkFailuresInARow();
        }
    }

    /** Stops when the last {@code maxConsecutiveFailures} finished trials of this call all failed. */
    private void checkFailuresInARow() {
        int limit = settings.maxConsecutiveFailures();
        if (limit == 0) {
            return;
        }
        List<FrozenTrial> finished = study.trials().stream()
                .filter(t -> t.number() >= firstNumber && t.state().isFinished())
                .sorted(java.util.Comparator.comparingInt(FrozenTrial::number))
                .toList();
        if (finished.size() < limit) {
            return;
        }
        List<FrozenTrial> last = finished.subList(finished.size() - limit, finished.size());
        if (last.stream().allMatch(t -> t.state() == TrialState.FAIL)) {
            FrozenTrial first = last.get(0);
            stopped.compareAndSet(null, new OptimizationStopped(limit + " trials failed in a row (#" + first.number()
                    + " to #" + last.get(limit - 1).number() + "); the first failed with: " + first.failReason(), first, null));
        }
    }

    static String describe(Throwable e) {
        StackTraceElement[] st = e.getStackTrace();
        return e + (st.length > 0 ? " at " + st[0] : "");
    }

    /** The whole stack trace with causes, as printStackTrace writes it, cut to {@link #MAX_TRACE_CHARS}. */
    static String trace(Throwable e) {
        java.io.StringWriter w = new java.io.StringWriter();
        e.printStackTrace(new java.io.PrintWriter(w));
        String t = w.toString();
        return t.length() <= MAX_TRACE_CHARS ? t : t.substring(0, MAX_TRACE_CHARS) + "\n\t... (cut)";
    }

    private void beat() {
        for (Long id : running) {
            try {
                study.storage().recordHeartbeat(id);
            } catch (RuntimeException e) {
                // A missed beat is retried at the next tick; the grace period covers a few misses.
            }
        }
    }

    private static Thread daemon(Runnable r, String name) {
        Thread t = new Thread(r, name);
        t.setDaemon(true);
        return t;
    }
}
