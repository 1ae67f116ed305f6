package dev.netloom.hpo.bench;

import dev.netloom.hpo.FrozenTrial;
import dev.netloom.hpo.Objective;
import dev.netloom.hpo.Study;
import dev.netloom.hpo.Trial;
import dev.netloom.hpo.TrialState;
import dev.netloom.hpo.distribution.FloatDistribution;
import dev.netloom.hpo.pruner.NopPruner;
import dev.netloom.hpo.sampler.RandomSampler;
import dev.netloom.hpo.sampler.Sampler;
import dev.netloom.hpo.sampler.TpeSampler;
import dev.netloom.hpo.sampler.TpeSettings;
import dev.netloom.hpo.storage.InMemoryStorage;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.function.LongFunction;

/**
 * The Java half of {@code hpo/bench/run.sh}. Prints CSV lines:
 * {@code quality,java,<sampler>,<function>,<seeds>,<median>,<q1>,<q3>} and
 * {@code speed,java,tpe,<finished trials>,<ms per trial of 6 suggestions, best of 5 blocks>}.
 *
 * <p>Arguments: {@code --seeds N} (default 30), {@code --trials N} (default 100), {@code --speed-only},
 * {@code --quality-only}.
 */
public final class BenchMain {

    private BenchMain() {
    }

    public static void main(String[] args) {
        int seeds = 30;
        int trials = 100;
        boolean quality = true;
        boolean speed = true;
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--seeds" -> seeds = Integer.parseInt(args[++i]);
                case "--trials" -> trials = Integer.parseInt(args[++i]);
                case "--speed-only" -> quality = false;
                case "--quality-only" -> speed = false;
                default -> throw new IllegalArgumentException("unknown argument " + args[i]);
            }
        }
        if (quality) {
            // Univariate, no liar: the Optuna 3.1 defaults it is compared with.
            quality("tpe", seed -> new TpeSampler(TpeSettings.univariate(), seed), seeds, trials);
            quality("random", RandomSampler::new, seeds, trials);
        }
        if (speed) {
            speed();
        }
    }

    static void quality(String name, LongFunction<Sampler> sampler, int seeds, int trials) {
        for (BenchFunctions.Function f : BenchFunctions.ALL) {
            double[] best = new double[seeds];
            for (int s = 0; s < seeds; s++) {
                Study study = Study.builder(new InMemoryStorage()).setName(f.name()).optSampler(sampler.apply(s))
                        .optPruner(new NopPruner()).build();
                study.optimize(Objective.single(f.objective()::applyAsDouble), trials);
                best[s] = study.bestValue();
            }
            Arrays.sort(best);
            System.out.printf("quality,java,%s,%s,%d,%.6g,%.6g,%.6g%n", name, f.name(), seeds,
                    quantile(best, 0.5), quantile(best, 0.25), quantile(best, 0.75));
            System.out.flush();
        }
    }

    /** numpy.percentile's linear interpolation, so both halves summarize alike. */
    static double quantile(double[] sorted, double q) {
        double rank = q * (sorted.length - 1);
        int lo = (int) Math.floor(rank);
        int hi = (int) Math.ceil(rank);
        return sorted[lo] + (sorted[hi] - sorted[lo]) * (rank - lo);
    }

    /** Time of one ask with six float suggestions, after N finished trials of the same space. */
    static void speed() {
        int[] sizes = {100, 500, 1000};
        // Warm the JIT first (a studio or worker process runs for hours); Python has no JIT to warm.
        for (int w = 0; w < 3; w++) {
            measure(1000, 10);
        }
        for (int n : sizes) {
            double ms = measure(n, 20);
            System.out.printf("speed,java,tpe,%d,%.4f%n", n, ms);
            System.out.flush();
        }
    }

    static double measure(int finished, int repeats) {
        InMemoryStorage storage = new InMemoryStorage();
        Study study = Study.builder(storage).setName("speed").optSampler(new TpeSampler(TpeSettings.univariate(), 1))
                .optPruner(new NopPruner()).build();
        SplittableRandom rng = new SplittableRandom(7);
        FloatDistribution d = FloatDistribution.of(0, 1);
        for (int i = 0; i < finished; i++) {
            FrozenTrial t = storage.createTrial(study.id(), TrialState.RUNNING, Map.of(), Map.of(), Map.of());
            double sum = 0;
            for (int p = 0; p < 6; p++) {
                double v = rng.nextDouble();
                storage.setParam(t.id(), "x" + p, d, v);
                sum += (v - 0.3) * (v - 0.3);
            }
            storage.finishTrial(t.id(), TrialState.COMPLETE, List.of(sum));
        }
        // Best of five blocks: the machine is shared, and the minimum is the least disturbed figure.
        double best = Double.POSITIVE_INFINITY;
        for (int block = 0; block < 5; block++) {
            long start = System.nanoTime();
            for (int r = 0; r < repeats; r++) {
                Trial t = study.ask();
                for (int p = 0; p < 6; p++) {
                    t.suggestFloat("x" + p, 0, 1);
                }
                // FAIL keeps the number of finished trials TPE learns from at `finished`.
                study.tellFail(t, "benchmark probe");
            }
            best = Math.min(best, (System.nanoTime() - start) / 1e6 / repeats);
        }
        return best;
    }
}
