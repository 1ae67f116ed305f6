/**
 * Small helpers for files every module reads and writes: a parser's complaints in our words
 * ({@link dev.netloom.graph.files.ParserWords}) and its "did you mean" ({@link dev.netloom.graph.files.EditDistance}), the one atomic write
 * ({@link dev.netloom.graph.files.AtomicWrite}) and the clean-up of interrupted writes
 * ({@link dev.netloom.graph.files.WriteLeftovers}). Depends on nothing else in model-graph.
 */
package dev.netloom.graph.files;
