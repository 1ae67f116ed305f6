package dev.netloom.hpo.sampler;

import static org.assertj.core.api.Assertions.assertThat;

import dev.netloom.hpo.FrozenTrial;
import dev.netloom.hpo.Study;
import dev.netloom.hpo.Trial;
import dev.netloom.hpo.pruner.NopPruner;
import dev.netloom.hpo.storage.InMemoryStorage;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.function.LongFunction;
import org.junit.jupiter.api.Test;

/**
 * Samplers that promise the same trials whatever the workers' interleaving: Sobol (and GP's Sobol
 * startup) give trial n the same parameters with two workers as with one — whether the second
 * worker asks while the first trial runs (ask/tell, finished out of order) or two threads race.
 */
class ParallelWorkersTest {

    private static Study study(LongFunction<Sampler> sampler) {
        return Study.builder(new InMemoryStorage()).setName("workers").optSampler(sampler.apply(17))
                .optPruner(new NopPruner()).build();
    }

    private static List<Map<String, Object>> oneWorker(LongFunction<Sampler> sampler, int trials) {
        Study s = study(sampler);
        s.optimize(t -> new double[] {SamplerContractTest.objective(t)[0]}, trials);
        return params(s.trials(), trials);
    }

    /** Two workers by ask/tell: always two trials running, the newer one told first. */
    private static List<Map<String, Object>> twoWorkersOutOfOrder(LongFunction<Sampler> sampler, int trials) {
        Study s = study(sampler);
        Deque<Trial> running = new ArrayDeque<>();
        int asked = 0;
        while (asked < trials || !running.isEmpty()) {
            while (running.size() < 2 && asked < trials) {
                Trial t = s.ask();
                SamplerContractTest.objective(t);
                running.push(t);
                asked++;
            }
            Trial newest = running.pop();
            s.tell(newest, SamplerContractTest.objective(newest)[0]);
        }
        return params(s.trials(), trials);
    }

    private static List<Map<String, Object>> twoThreads(LongFunction<Sampler> sampler, int trials) {
        Study s = study(sampler);
        s.optimize(t -> new double[] {SamplerContractTest.objective(t)[0]}, trials, Duration.ofMinutes(5), 2);
        return params(s.trials(), trials);
    }

    private static List<Map<String, Object>> params(List<FrozenTrial> trials, int n) {
        assertThat(trials).hasSize(n);
        List<Map<String, Object>> out = new ArrayList<>();
        trials.forEach(t -> out.add(t.params()));
        return out;
    }

    @Test
    void sobolGivesTwoWorkersTheTrialsOfOne() {
        List<Map<String, Object>> one = oneWorker(SobolSampler::new, 24);
        assertThat(twoWorkersOutOfOrder(SobolSampler::new, 24)).isEqualTo(one);
        assertThat(twoThreads(SobolSampler::new, 24)).isEqualTo(one);
        // Still a seeded design: another seed, other points.
        Study other = Study.builder(new InMemoryStorage()).setName("other").optSampler(new SobolSampler(18))
                .optPruner(new NopPruner()).build();
        other.optimize(t -> new double[] {SamplerContractTest.objective(t)[0]}, 24);
        assertThat(params(other.trials(), 24)).isNotEqualTo(one);
    }

    @Test
    void sobolSpreadsEachParameterEvenly() {
        // 16 points of a rotated Sobol sequence put exactly one value of x in each sixteenth of its
        // range (a (0, 4, 1)-net); 16 random points almost never do (16!/16^16 ≈ 1e-6).
        List<Map<String, Object>> one = oneWorker(SobolSampler::new, 16);
        boolean[] hit = new boolean[16];
        for (Map<String, Object> p : one) {
            int cell = (int) Math.floor(((double) p.get("x") + 5) / 10 * 16);
            hit[Math.min(cell, 15)] = true;
        }
        for (int i = 0; i < 16; i++) {
            assertThat(hit[i]).as("a value of x in sixteenth %d", i).isTrue();
        }
    }

    @Test
    void gpStartupTrialsAreTheSameWithTwoWorkers() {
        int startup = GpSettings.defaults().nStartupTrials();
        assertThat(twoWorkersOutOfOrder(GpSampler::new, startup)).isEqualTo(oneWorker(GpSampler::new, startup));
        assertThat(twoThreads(GpSampler::new, startup)).isEqualTo(oneWorker(GpSampler::new, startup));
    }
}
