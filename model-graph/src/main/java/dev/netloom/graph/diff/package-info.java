/**
 * Differences between two models: {@link dev.netloom.graph.diff.GraphDiff} (nodes and connections,
 * by id) and {@link dev.netloom.graph.diff.JsonDiff} (settings and data records, by dotted key).
 * Pure: the Runs view's Compare and {@code netloom diff} read the files and print the rows.
 */
package dev.netloom.graph.diff;
