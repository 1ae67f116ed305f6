package dev.netloom.hpo;

import java.time.Duration;
import java.util.List;
import java.util.Set;

/**
 * How one {@link Study#optimize(Objective, OptimizeSettings)} call runs.
 *
 * <p>As in Optuna ({@code catch=}), an exception from the objective fails its trial and then
 * stops the optimization — a coding error should not burn the whole budget — unless its class
 * is listed in {@code tolerated}; a tolerated exception fails only its trial and the search goes
 * on. {@link TrialPruned} is never a failure, and an {@link Error} always stops.
 *
 * @param trials                 how many trials to run in total
 * @param timeout                no trial starts after this long; null for no limit
 * @param parallelism            worker threads
 * @param tolerated              exception classes (and their subclasses) that fail only their trial
 * @param maxConsecutiveFailures stop when this many trials started since the call began failed
 *                               one after another (by trial number, counting every process on the
 *                               study); 0 for no limit
 */
public record OptimizeSettings(int trials, Duration timeout, int parallelism,
                               Set<Class<? extends Exception>> tolerated, int maxConsecutiveFailures) {

    public OptimizeSettings {
        if (trials < 0 || parallelism < 1 || maxConsecutiveFailures < 0) {
            throw new IllegalArgumentException("need trials >= 0, parallelism >= 1 and maxConsecutiveFailures >= 0, got "
                    + trials + ", " + parallelism + ", " + maxConsecutiveFailures);
        }
        tolerated = Set.copyOf(tolerated);
    }

    /** {@code trials} trials in this thread, no time limit, stopping on the first exception. */
    public static OptimizeSettings of(int trials) {
        return new OptimizeSettings(trials, null, 1, Set.of(), 0);
    }

    public OptimizeSettings withTimeout(Duration limit) {
        return new OptimizeSettings(trials, limit, parallelism, tolerated, maxConsecutiveFailures);
    }

    public OptimizeSettings withParallelism(int threads) {
        return new OptimizeSettings(trials, timeout, threads, tolerated, maxConsecutiveFailures);
    }

    /** These exception classes (and subclasses) fail only their trial. */
    @SafeVarargs
    public final OptimizeSettings tolerating(Class<? extends Exception>... classes) {
        return tolerating(List.of(classes));
    }

    /** These exception classes (and subclasses) fail only their trial. */
    public OptimizeSettings tolerating(java.util.Collection<Class<? extends Exception>> classes) {
        return new OptimizeSettings(trials, timeout, parallelism, Set.copyOf(classes), maxConsecutiveFailures);
    }

    /** Stops after {@code n} failed trials in a row (0: never). */
    public OptimizeSettings stoppingAfterConsecutiveFailures(int n) {
        return new OptimizeSettings(trials, timeout, parallelism, tolerated, n);
    }

    /** Whether this exception fails only its trial. */
    public boolean tolerates(Throwable e) {
        return e instanceof Exception && tolerated.stream().anyMatch(c -> c.isInstance(e));
    }
}
