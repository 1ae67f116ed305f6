/**
 * Expert pruning for Mixture-of-Experts models: which experts to keep ({@link KeepRule}, from the
 * measured {@link dev.netloom.train.ExpertShares}) and the pruned model itself ({@link ExpertPruning}:
 * the graph with fewer experts and a smaller router, and the weights of the experts kept).
 */
package dev.netloom.train.experts;
