package dev.netloom.hpo.sampler;

import static org.assertj.core.api.Assertions.assertThat;

import dev.netloom.hpo.FrozenTrial;
import dev.netloom.hpo.Objective;
import dev.netloom.hpo.Study;
import dev.netloom.hpo.TrialState;
import dev.netloom.hpo.pruner.NopPruner;
import dev.netloom.hpo.storage.InMemoryStorage;
import java.util.Arrays;
import java.util.function.LongFunction;
import org.junit.jupiter.api.Test;

/** TPE must beat random search where it has something to learn. */
class TpeQualityTest {

    /** A shifted sphere with an integer and a categorical term; minimum 0 at x=(1.5,-2), k=3, c="good". */
    static final Objective FUNCTION = Objective.single(t -> {
        double x1 = t.suggestFloat("x1", -5, 5);
        double x2 = t.suggestFloat("x2", -5, 5);
        int k = t.suggestInt("k", 0, 10);
        String c = t.suggestCategorical("c", java.util.List.of("bad", "good", "worse"));
        return Math.pow(x1 - 1.5, 2) + Math.pow(x2 + 2, 2) + Math.abs(k - 3) + (c.equals("good") ? 0 : 3);
    });

    static double medianBest(LongFunction<Sampler> sampler, int trials, int seeds) {
        double[] best = new double[seeds];
        for (int s = 0; s < seeds; s++) {
            Study study = Study.builder(new InMemoryStorage()).setName("q").optSampler(sampler.apply(1000 + s))
                    .optPruner(new NopPruner()).build();
            study.optimize(FUNCTION, trials);
            best[s] = study.bestValue();
        }
        Arrays.sort(best);
        return best[seeds / 2];
    }

    @Test
    void tpeBeatsRandomByMedianOverSeeds() {
        double random = medianBest(RandomSampler::new, 60, 7);
        double tpe = medianBest(seed -> new TpeSampler(TpeSettings.univariate(), seed), 60, 7);
        double multivariate = medianBest(TpeSampler::new, 60, 7);
        assertThat(tpe).as("univariate TPE vs random (%s)", random).isLessThan(random * 0.7);
        assertThat(multivariate).as("multivariate TPE vs random (%s)", random).isLessThan(random * 0.7);
    }

    @Test
    void theConstantLiarSpreadsParallelWorkersApart() {
        // With a liar, the trials running at the same time (asked before any is told) are not all alike.
        Study study = Study.builder(new InMemoryStorage()).setName("liar")
                .optSampler(new TpeSampler(TpeSettings.defaults().withConstantLiar(true), 3)).build();
        study.optimize(FUNCTION, 20);
        var running = new java.util.ArrayList<dev.netloom.hpo.Trial>();
        for (int i = 0; i < 4; i++) {
            dev.netloom.hpo.Trial t = study.ask();
            t.suggestFloat("x1", -5, 5);
            running.add(t);
        }
        long distinct = running.stream().map(t -> t.params().get("x1")).distinct().count();
        assertThat(distinct).isEqualTo(4);
        assertThat(study.trials(TrialState.RUNNING)).hasSize(4);
        assertThat(study.trials().stream().filter(t -> t.state() == TrialState.COMPLETE).map(FrozenTrial::number))
                .hasSize(20);
    }
}
