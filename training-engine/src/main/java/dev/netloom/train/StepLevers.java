package dev.netloom.train;

import java.util.Arrays;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The step's speed-ups, each of which can be switched off to measure it: the throughput bench runs
 * the same training with {@code -Dnetloom.train.off=fusedAdam,...} beside the default, in one run on
 * one machine. Nothing else sets the property; every speed-up is on by default and gives the same
 * training (within float rounding: see each one's test).
 */
enum StepLevers {
    /** Adam/AdamW as one fused native call over all weights ({@link FusedAdam}). */
    FUSED_ADAM("fusedAdam"),
    /** Cross-entropy and the batch's correct count as one native call ({@link FusedLoss}). */
    FUSED_LOSS("fusedLoss"),
    /** Batches copied into reused native buffers instead of new arrays per step ({@link BatchBuffers}). */
    BATCH_BUFFERS("batchBuffers");

    private static final Set<String> OFF = Arrays.stream(System.getProperty("netloom.train.off", "").split(","))
            .map(String::trim).filter(s -> !s.isEmpty()).collect(Collectors.toUnmodifiableSet());

    private final String key;

    StepLevers(String key) {
        this.key = key;
    }

    /** Whether this speed-up is in use (it is unless the bench switched it off). */
    boolean on() {
        return !OFF.contains(key);
    }
}
