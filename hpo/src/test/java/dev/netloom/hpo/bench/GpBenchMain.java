package dev.netloom.hpo.bench;

import dev.netloom.hpo.Objective;
import dev.netloom.hpo.Study;
import dev.netloom.hpo.pruner.NopPruner;
import dev.netloom.hpo.sampler.GpSampler;
import dev.netloom.hpo.sampler.RandomSampler;
import dev.netloom.hpo.sampler.Sampler;
import dev.netloom.hpo.sampler.TpeSampler;
import dev.netloom.hpo.storage.InMemoryStorage;
import java.util.function.LongFunction;

/**
 * The Java half of {@code hpo/bench/gp.sh}: for every function of {@link BenchFunctions#GP}, every
 * seed and every sampler, the best value after the trials, one CSV line per study:
 * {@code run,java,<sampler>,<function>,<seed>,<best>,<seconds>}.
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
        run("tpe", TpeSampler::new, seeds, trials);
        run("random", RandomSampler::new, seeds, trials);
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
