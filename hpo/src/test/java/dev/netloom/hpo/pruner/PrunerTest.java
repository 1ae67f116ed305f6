package dev.netloom.hpo.pruner;

import static org.assertj.core.api.Assertions.assertThat;

import dev.netloom.hpo.FrozenTrial;
import dev.netloom.hpo.Objective;
import dev.netloom.hpo.Study;
import dev.netloom.hpo.Trial;
import dev.netloom.hpo.TrialPruned;
import dev.netloom.hpo.TrialState;
import dev.netloom.hpo.sampler.RandomSampler;
import dev.netloom.hpo.storage.InMemoryStorage;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Pruners on synthetic learning curves: loss(step) = quality + 1 / (step + 1), quality fixed per
 * trial. The defaults checked are Optuna's from docs/figures.md: median/percentile 5 startup trials, ASHA
 * reduction factor 4, Hyperband reduction factor 3.
 */
class PrunerTest {

    static final Objective CURVE = Objective.single(t -> {
        double q = t.suggestFloat("q", 0, 1);
        double loss = Double.NaN;
        for (int step = 0; step < 30; step++) {
            loss = q + 1.0 / (step + 1);
            t.report(step, loss);
            if (t.shouldPrune()) {
                throw new TrialPruned();
            }
        }
        return loss;
    });

    static Study run(Pruner pruner, double... qualities) {
        Study study = Study.builder(new InMemoryStorage()).setName("curves").optSampler(new RandomSampler(1))
                .optPruner(pruner).build();
        for (double q : qualities) {
            study.enqueueTrial(Map.of("q", q));
        }
        study.optimize(CURVE, qualities.length);
        return study;
    }

    static FrozenTrial withQuality(Study study, double q) {
        return study.trials().stream().filter(t -> (double) t.params().get("q") == q).findFirst().orElseThrow();
    }

    @Test
    void theMedianPrunerPrunesCurvesWorseThanTheMedianAfterFiveStartupTrials() {
        Study study = run(PercentilePruner.median(), 0.5, 0.6, 0.4, 0.7, 0.3, 0.9, 0.1, 0.55, 0.95);
        List<FrozenTrial> trials = study.trials();
        assertThat(trials.subList(0, 5)).allSatisfy(t -> assertThat(t.state()).isEqualTo(TrialState.COMPLETE));
        assertThat(withQuality(study, 0.9).state()).isEqualTo(TrialState.PRUNED);
        assertThat(withQuality(study, 0.9).intermediateValues().lastKey()).isZero();
        assertThat(withQuality(study, 0.95).state()).isEqualTo(TrialState.PRUNED);
        assertThat(withQuality(study, 0.1).state()).isEqualTo(TrialState.COMPLETE);
        assertThat(withQuality(study, 0.9).values()).containsExactly(0.9 + 1.0);
    }

    @Test
    void theWarmUpDelaysPruning() {
        Study study = run(PercentilePruner.median(5, 4), 0.5, 0.6, 0.4, 0.7, 0.3, 0.9);
        FrozenTrial bad = withQuality(study, 0.9);
        assertThat(bad.state()).isEqualTo(TrialState.PRUNED);
        assertThat(bad.intermediateValues().lastKey()).isEqualTo(4);
    }

    @Test
    void aHighPercentilePrunesOnlyTheWorst() {
        Study study = run(new PercentilePruner(90), 0.5, 0.6, 0.4, 0.7, 0.3, 0.65, 0.99);
        assertThat(withQuality(study, 0.65).state()).isEqualTo(TrialState.COMPLETE);
        assertThat(withQuality(study, 0.99).state()).isEqualTo(TrialState.PRUNED);
    }

    @Test
    void theNopPrunerNeverPrunes() {
        Study study = run(new NopPruner(), 0.5, 0.6, 0.4, 0.7, 0.3, 0.9, 0.1);
        assertThat(study.trials()).allSatisfy(t -> assertThat(t.state()).isEqualTo(TrialState.COMPLETE));
    }

    @Test
    void ashaKeepsTheTopQuarterAtEachRung() {
        double[] q = {0.5, 0.1, 0.9, 0.3, 0.7, 0.2, 0.8, 0.4, 0.05, 0.95, 0.6, 0.35};
        Study study = run(new SuccessiveHalvingPruner(1), q);
        // Rungs at steps 1, 4 and 16 (reduction factor 4).
        FrozenTrial worst = withQuality(study, 0.95);
        assertThat(worst.state()).isEqualTo(TrialState.PRUNED);
        assertThat(worst.intermediateValues().lastKey()).isEqualTo(1);
        assertThat(worst.systemAttrs()).containsKey("completed_rung_0");
        assertThat(withQuality(study, 0.05).state()).isEqualTo(TrialState.COMPLETE);
        long pruned = study.trials(TrialState.PRUNED).size();
        assertThat(pruned).isGreaterThanOrEqualTo(q.length / 2);
        assertThat(study.trials(TrialState.PRUNED)).allSatisfy(t ->
                assertThat(t.intermediateValues().lastKey()).isIn(1, 4, 16));
    }

    @Test
    void hyperbandSplitsTrialsIntoBracketsThatPruneAtTheirOwnRungs() {
        HyperbandPruner hb = new HyperbandPruner(1, 27);
        assertThat(hb.bracketCount()).isEqualTo(4);
        java.util.Set<Integer> used = new java.util.HashSet<>();
        for (int n = 0; n < 200; n++) {
            used.add(hb.bracketOf("curves", n));
        }
        assertThat(used).containsExactlyInAnyOrder(0, 1, 2, 3);

        double[] q = new double[40];
        for (int i = 0; i < q.length; i++) {
            q[i] = ((i * 37) % 40) / 40.0;
        }
        Study study = run(hb, q);
        assertThat(study.trials(TrialState.PRUNED)).isNotEmpty().allSatisfy(t -> {
            int bracket = hb.bracketOf("curves", t.number());
            assertThat(t.intermediateValues().lastKey()).as("trial %d in bracket %d", t.number(), bracket)
                    .isGreaterThanOrEqualTo((int) Math.pow(3, bracket));
            assertThat(t.systemAttrs()).containsKey("hb" + bracket + ":completed_rung_0");
        });
        assertThat(withQuality(study, 0.0).state()).isEqualTo(TrialState.COMPLETE);
    }

    @Test
    void aNaNReportIsPruned() {
        Study study = Study.builder(new InMemoryStorage()).setName("nan").optPruner(PercentilePruner.median()).build();
        Trial t = study.ask();
        t.report(0, Double.NaN);
        for (int i = 0; i < 5; i++) {
            Trial done = study.ask();
            done.report(0, 1);
            study.tell(done, 1);
        }
        assertThat(t.shouldPrune()).isTrue();
    }
}
