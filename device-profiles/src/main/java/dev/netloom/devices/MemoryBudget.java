package dev.netloom.devices;

/**
 * Memory and storage a model may use on a device: realistic budgets, not the total on the box.
 *
 * @param bandwidthGBps sustained memory bandwidth in GB/s (10^9 bytes per second)
 * @param modelRamBytes RAM a model may take while running, leaving room for the OS and the app
 * @param modelStorageBytes storage a model file may take
 * @param runtimeArenaBytes what the runtime itself takes (its code, arenas and scratch) on top of
 *     weights and activations
 * @param cacheBytes optional: the last-level CPU cache; weights of a model that fit in it stay
 *     there between predictions and are not read from memory again (empty: not modelled)
 */
public record MemoryBudget(Figure bandwidthGBps, Figure modelRamBytes, Figure modelStorageBytes,
                           Figure runtimeArenaBytes, java.util.Optional<Figure> cacheBytes) {

    /** A budget without a cache figure (every shipped profile but this computer's). */
    public MemoryBudget(Figure bandwidthGBps, Figure modelRamBytes, Figure modelStorageBytes, Figure runtimeArenaBytes) {
        this(bandwidthGBps, modelRamBytes, modelStorageBytes, runtimeArenaBytes, java.util.Optional.empty());
    }
}
