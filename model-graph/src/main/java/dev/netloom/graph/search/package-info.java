/**
 * Which parameters the automatic search may change, and over what range: the project file's
 * {@code search} section as values. A {@link dev.netloom.graph.search.SearchSpace} holds
 * {@link dev.netloom.graph.search.SearchableParameter}s; each names a
 * {@link dev.netloom.graph.search.SearchTarget} (a node's parameter or a training setting) and a
 * {@link dev.netloom.graph.search.Range}. {@link dev.netloom.graph.search.SearchRules} checks a
 * range against what the parameter allows; {@link dev.netloom.graph.search.DefaultRanges} picks
 * the range a person gets when ticking "search". The JSON form lives in
 * {@code dev.netloom.graph.project.SearchSection}; the search itself is the {@code hpo} module.
 */
package dev.netloom.graph.search;
