package dev.netloom.hpo.bench;

import dev.netloom.hpo.Objective;
import dev.netloom.hpo.Study;
import dev.netloom.hpo.pruner.NopPruner;
import dev.netloom.hpo.sampler.TpeSampler;
import dev.netloom.hpo.sampler.TpeSettings;
import dev.netloom.hpo.storage.InMemoryStorage;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Locale;
import org.apache.commons.math3.stat.inference.MannWhitneyUTest;

/**
 * The Ackley-5D gap (issue 21): TPE settings that touch the priors and the bandwidth, on the
 * small-budget functions, against the univariate Optuna 1.5–4 defaults; run by
 * {@code hpo/bench/tpe-variants.sh}. Prints, per function and variant, the median [Q1, Q3] of the best
 * value after N trials over the seeds and the two-sided Mann-Whitney p against the first variant.
 */
public final class TpeVariantsMain {

    private TpeVariantsMain() {
    }

    public static void main(String[] args) {
        int seeds = 30;
        int trials = 100;
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--seeds" -> seeds = Integer.parseInt(args[++i]);
                case "--trials" -> trials = Integer.parseInt(args[++i]);
                default -> throw new IllegalArgumentException("unknown argument " + args[i]);
            }
        }
        TpeSettings base = TpeSettings.univariate();
        Map<String, TpeSettings> variants = new LinkedHashMap<>();
        variants.put("univariate (Optuna 4)", base);
        variants.put("multivariate + liar (Optuna 5)", TpeSettings.defaults());
        variants.put("univariate, prior weight 0.5", new TpeSettings(10, 24, 0.5, false, false, true));
        variants.put("univariate, prior weight 2", new TpeSettings(10, 24, 2.0, false, false, true));
        variants.put("univariate, no magic clip", new TpeSettings(10, 24, 1.0, false, false, false));
        System.out.printf(Locale.ROOT, "| function | variant | best after %d trials, median [Q1, Q3] over %d seeds | p vs first |%n",
                trials, seeds);
        System.out.println("|---|---|---|---|");
        for (BenchFunctions.Function f : BenchFunctions.GP) {
            double[] first = null;
            for (Map.Entry<String, TpeSettings> v : variants.entrySet()) {
                double[] best = new double[seeds];
                for (int s = 0; s < seeds; s++) {
                    Study study = Study.builder(new InMemoryStorage()).setName(f.name())
                            .optSampler(new TpeSampler(v.getValue(), s)).optPruner(new NopPruner()).build();
                    study.optimize(Objective.single(f.objective()::applyAsDouble), trials);
                    best[s] = study.bestValue();
                }
                double[] sorted = best.clone();
                Arrays.sort(sorted);
                String p = first == null ? "" : String.format(Locale.ROOT, "%.2g",
                        new MannWhitneyUTest().mannWhitneyUTest(first, best));
                if (first == null) {
                    first = best;
                }
                System.out.printf(Locale.ROOT, "| %s | %s | %.4g [%.4g, %.4g] | %s |%n", f.name(), v.getKey(),
                        BenchMain.quantile(sorted, 0.5), BenchMain.quantile(sorted, 0.25),
                        BenchMain.quantile(sorted, 0.75), p);
                System.out.flush();
            }
        }
    }
}
