package dev.netloom.train;

import java.util.EnumMap;
import java.util.Map;

/**
 * Where a run's training steps spend their time, phase by phase, and how many engine arrays a
 * step makes. A run always keeps one (a clock read per phase costs about 20 ns, nothing beside a
 * step); {@link TrainingRun#profile(StepProfile)} hands it one to read, as the throughput bench
 * does. Not thread-safe: read it between steps, from the training thread (a listener) or after
 * the run.
 */
public final class StepProfile {

    /** The phases of one step, in the order a step goes through them. */
    public enum Phase {
        /** Picking the batch's rows and copying them into the engine's input arrays. */
        DATA,
        /** The model's forward pass. */
        FORWARD,
        /** The objective: cross-entropy, distillation and auxiliary losses. */
        LOSS,
        /** Gradients: the backward pass (and clipping, when set). */
        BACKWARD,
        /** The optimiser's update of every trainable weight. */
        OPTIMIZER,
        /** Reading the step's loss and accuracy back from the engine. */
        METRICS,
        /** The run's own bookkeeping after a step: divergence guard, rollback copies, listeners. */
        EVENTS
    }

    private final long[] nanos = new long[Phase.values().length];
    private final java.util.function.LongSupplier clock;
    private long steps;
    private long arrays;

    /** A profile on the wall clock. */
    public StepProfile() {
        this(System::nanoTime);
    }

    private StepProfile(java.util.function.LongSupplier clock) {
        this.clock = clock;
    }

    /**
     * A profile on the training thread's CPU clock: with one engine thread that is all the work a
     * step does, whatever else a shared machine is running. Each reading costs about a microsecond
     * (a system call), so it is for benches, not for every run.
     */
    public static StepProfile onThreadCpuClock() {
        java.lang.management.ThreadMXBean bean = java.lang.management.ManagementFactory.getThreadMXBean();
        return new StepProfile(bean::getCurrentThreadCpuTime);
    }

    /** Now, on this profile's clock, in nanoseconds. */
    long now() {
        return clock.getAsLong();
    }

    /** Adds time to a phase. */
    void add(Phase phase, long elapsedNanos) {
        nanos[phase.ordinal()] += elapsedNanos;
    }

    /** Counts one finished step and the engine arrays it made. */
    void step(long arraysMade) {
        steps++;
        arrays += arraysMade;
    }

    /** Starts counting again from zero (the bench does so after its warm-up epoch). */
    public void reset() {
        java.util.Arrays.fill(nanos, 0);
        steps = 0;
        arrays = 0;
    }

    /** Steps counted since the last reset. */
    public long steps() {
        return steps;
    }

    /** Mean milliseconds per step spent in a phase. */
    public double millisPerStep(Phase phase) {
        return steps == 0 ? 0 : nanos[phase.ordinal()] / 1e6 / steps;
    }

    /** Mean milliseconds per step over all phases. */
    public double millisPerStep() {
        long total = 0;
        for (long n : nanos) {
            total += n;
        }
        return steps == 0 ? 0 : total / 1e6 / steps;
    }

    /**
     * Mean engine arrays made per step in the batch's own memory scope (inputs, activations,
     * loss terms, metrics): each is at least one native call. The optimiser's work is not in it.
     */
    public double arraysPerStep() {
        return steps == 0 ? 0 : (double) arrays / steps;
    }

    /** Milliseconds per step by phase, in phase order. */
    public Map<Phase, Double> breakdown() {
        Map<Phase, Double> out = new EnumMap<>(Phase.class);
        for (Phase p : Phase.values()) {
            out.put(p, millisPerStep(p));
        }
        return out;
    }
}
