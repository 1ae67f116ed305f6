package dev.netloom.app.search;

import dev.netloom.hpo.FrozenTrial;
import dev.netloom.hpo.StudyDirection;
import dev.netloom.hpo.TrialState;
import dev.netloom.hpo.analysis.FanovaImportance;
import dev.netloom.hpo.analysis.IntermediateValues;
import dev.netloom.hpo.analysis.OptimizationHistory;
import dev.netloom.hpo.analysis.ParallelCoordinates;
import dev.netloom.hpo.analysis.SlicePlot;

import java.util.List;
import java.util.Map;

/**
 * A study as the Tune view shows it at one moment: its trials and the data of every plot, made
 * off the FX thread (fANOVA fits a random forest) from one read of the storage. Plots read the
 * first objective (accuracy); the Pareto front needs two.
 *
 * @param name the study's name
 * @param objectives what it optimises, accuracy first
 * @param trials every trial, by number
 * @param history accuracy per COMPLETE trial and the best so far
 * @param intermediate every trial's validation accuracy per epoch, pruned ones included
 * @param importance parameter → fANOVA importance; empty below two COMPLETE trials
 * @param parallel one line per COMPLETE trial across the parameters
 * @param slices accuracy against each parameter
 * @param pareto the Pareto front, or null for one objective
 */
public record StudyProgress(String name, List<SearchObjective> objectives, List<FrozenTrial> trials,
                            OptimizationHistory history, IntermediateValues intermediate, Map<String, Double> importance,
                            ParallelCoordinates parallel, SlicePlot slices, ParetoSelection pareto) {

    /** Nothing run yet. */
    public static final StudyProgress NONE = of("", List.of(SearchObjective.ACCURACY), List.of());

    public StudyProgress {
        objectives = List.copyOf(objectives);
        trials = List.copyOf(trials);
        // Kept in fANOVA's order, most important first (Map.copyOf would lose it).
        importance = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(importance));
    }

    /** The progress of a study with these trials. */
    public static StudyProgress of(String name, List<SearchObjective> objectives, List<FrozenTrial> trials) {
        List<StudyDirection> directions = objectives.stream().map(SearchObjective::direction).toList();
        Map<String, Double> importance;
        try {
            importance = new FanovaImportance(0).evaluate(trials, 0);
        } catch (IllegalArgumentException e) {
            importance = Map.of(); // fewer than two complete trials: nothing to compare yet
        }
        return new StudyProgress(name, objectives, trials, OptimizationHistory.of(trials, directions.get(0), 0),
                IntermediateValues.of(trials), importance, ParallelCoordinates.of(trials, 0), SlicePlot.of(trials, 0),
                objectives.size() > 1 ? ParetoSelection.of(trials, directions) : null);
    }

    /** The COMPLETE trials. */
    public List<FrozenTrial> complete() {
        return trials.stream().filter(t -> t.state() == TrialState.COMPLETE).toList();
    }

    /**
     * The trial "Apply" takes: the most accurate COMPLETE trial, or with two objectives the
     * selected Pareto trial ({@link ParetoSelection#choose}).
     */
    public java.util.Optional<FrozenTrial> best(Integer selected) {
        if (pareto != null) {
            return pareto.choose(selected);
        }
        return complete().stream().max(java.util.Comparator.comparingDouble(t -> t.values().get(0)));
    }
}
