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

    private final Study study;
    private final Objective objective;
    private final int nTrials;
    private final long deadlineNanos;
    private final int parallelism;
    private final AtomicInteger started = new AtomicInteger();
    private final Set<Long> running = ConcurrentHashMap.newKeySet();
    private final AtomicReference<RuntimeException> storageFailure = new AtomicReference<>();

    Optimization(Study study, Objective objective, int nTrials, Duration timeout, int parallelism) {
        if (nTrials < 0 || parallelism < 1) {
            throw new IllegalArgumentException("need nTrials >= 0 and parallelism >= 1, got " + nTrials + ", " + parallelism);
        }
        this.study = study;
        this.objective = objective;
        this.nTrials = nTrials;
        this.deadlineNanos = timeout == null ? Long.MAX_VALUE : System.nanoTime() + timeout.toNanos();
        this.parallelism = parallelism;
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
        while (storageFailure.get() == null && System.nanoTime() < deadlineNanos
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
                study.tellPruned(trial);
                return;
            } catch (Exception e) {
                study.tellFail(trial, describe(e));
                return;
            } catch (Error e) {
                study.tellFail(trial, describe(e));
                throw e;
            }
            if (values == null) {
                study.tellFail(trial, "objective returned null");
            } else {
                study.tell(trial, values);
            }
        } finally {
            running.remove(trial.id());
        }
    }

    private static String describe(Throwable e) {
        StackTraceElement[] st = e.getStackTrace();
        return e + (st.length > 0 ? " at " + st[0] : "");
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
