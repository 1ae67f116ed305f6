package dev.netloom.hpo.bench;

import dev.netloom.hpo.Objective;
import dev.netloom.hpo.Study;
import dev.netloom.hpo.Trial;
import dev.netloom.hpo.pruner.NopPruner;
import dev.netloom.hpo.sampler.GpFitTiming;
import dev.netloom.hpo.sampler.GpSampler;
import dev.netloom.hpo.sampler.RandomSampler;
import dev.netloom.hpo.sampler.Sampler;
import dev.netloom.hpo.sampler.TpeSampler;
import dev.netloom.hpo.sampler.TpeSettings;
import dev.netloom.hpo.storage.InMemoryStorage;
import java.util.function.LongFunction;

/**
 * The Java half of {@code hpo/bench/gp.sh}: for every function of {@link BenchFunctions#GP}, every
 * seed and every sampler, the best value after the trials, one CSV line per study:
 * {@code run,java,<sampler>,<function>,<seed>,<best>,<seconds>}; then the time of one GP
 * suggestion after N complete trials of Hartmann-6:
 * {@code gptime,java,<N>,<parameters>,<ms fit + acquisition>,<ms fit only>}, best of 5 after warm-up.
 *
 * <p>Arguments: {@code --seeds N} (default 30), {@code --trials N} (default 30).
 */
public final class GpBenchMain {

    private GpBenchMain() {
    }

    public static void main(String[] args) {
        int seeds = 30;
        int trials = 30;
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--seeds" -> seeds = Integer.parseInt(args[++i]);
                case "--trials" -> trials = Integer.parseInt(args[++i]);
                default -> throw new IllegalArgumentException("unknown argument " + args[i]);
            }
        }
        run("gp", GpSampler::new, seeds, trials);
        // Univariate, no liar: the TPE the README's GP table was measured against.
        run("tpe", seed -> new TpeSampler(TpeSettings.univariate(), seed), seeds, trials);
        run("random", RandomSampler::new, seeds, trials);
        for (int n : new int[] {25, 50, 100}) {
            timing(n);
        }
    }

    /** One GP suggestion (fit + acquisition) and one fit alone, after {@code n} random complete Hartmann-6 trials. */
    static void timing(int n) {
        InMemoryStorage storage = new InMemoryStorage();
        Study random = Study.builder(storage).setName("timing").optSampler(new RandomSampler(3))
                .optPruner(new NopPruner()).build();
        random.optimize(Objective.single(BenchFunctions::hartmann6), n);
        Study gp = Study.builder(storage).setName("timing").optSampler(new GpSampler(3))
                .optPruner(new NopPruner()).build();
        double[][] x = new double[n][6];
        double[] y = new double[n];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < 6; j++) {
                x[i][j] = (double) random.trials().get(i).params().get("x" + j);
            }
            y[i] = random.trials().get(i).value();
        }
        double best = Double.POSITIVE_INFINITY;
        double bestFit = Double.POSITIVE_INFINITY;
        for (int r = 0; r < 7; r++) {
            long start = System.nanoTime();
            Trial t = gp.ask(); // relative sampling: the whole GP suggestion happens here
            double ms = (System.nanoTime() - start) / 1e6;
            gp.tellFail(t, "timing probe");
            double fit = GpFitTiming.fitMillis(x, y);
            if (r >= 2) { // the first two warm the JIT
                best = Math.min(best, ms);
                bestFit = Math.min(bestFit, fit);
            }
        }
        System.out.printf("gptime,java,%d,6,%.1f,%.1f%n", n, best, bestFit);
        System.out.flush();
    }

    static void run(String name, LongFunction<Sampler> sampler, int seeds, int trials) {
        for (BenchFunctions.Function f : BenchFunctions.GP) {
            for (int s = 0; s < seeds; s++) {
                long start = System.nanoTime();
                Study study = Study.builder(new InMemoryStorage()).setName(f.name()).optSampler(sampler.apply(s))
                        .optPruner(new NopPruner()).build();
                study.optimize(Objective.single(f.objective()::applyAsDouble), trials);
                System.out.printf("run,java,%s,%s,%d,%.8g,%.3f%n", name, f.name(), s, study.bestValue(),
                        (System.nanoTime() - start) / 1e9);
                System.out.flush();
            }
        }
    }
}
