package dev.netloom.devices;

/**
 * Memory and storage a model may use on a device: realistic budgets, not the total on the box.
 *
 * @param bandwidthGBps sustained memory bandwidth in GB/s (10^9 bytes per second)
 * @param modelRamBytes RAM a model may take while running, leaving room for the OS and the app
 * @param modelStorageBytes storage a model file may take
 * @param runtimeArenaBytes what the runtime itself takes (its code, arenas and scratch) on top of
 *     weights and activations
 */
public record MemoryBudget(Figure bandwidthGBps, Figure modelRamBytes, Figure modelStorageBytes,
                           Figure runtimeArenaBytes) {
}
