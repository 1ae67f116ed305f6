package dev.netloom.hpo.sampler;

import java.util.Locale;

/**
 * The automatic sampler choice ({@code --sampler auto}, the studio's default), made once when a
 * study starts from what is known then: the trial budget, how many parameters are numeric and how
 * many categorical, and the number of objectives.
 *
 * <ol>
 *   <li><b>Several objectives:</b> NSGA-II when the budget covers at least five generations of its
 *       population of 50 (250 trials); below that its first, random generation would be most of
 *       the search, so TPE, which splits trials by Pareto front (MOTPE), with constant liar.</li>
 *   <li><b>One objective, GP:</b> at most {@value #GP_MAX_TRIALS} trials, at most
 *       {@value #GP_MAX_PARAMETERS} parameters, and at least half of them numeric — where a
 *       Gaussian process is at its best (hpo/README.md's benchmark) and its cubic cost stays small.</li>
 *   <li><b>Otherwise TPE</b> with constant liar: large budgets, many parameters, or mostly
 *       categorical spaces.</li>
 * </ol>
 *
 * @param name    the chosen sampler's command-line name: {@code gp}, {@code tpe} or {@code nsga2}
 * @param sampler the sampler, seeded
 * @param reason  why, in words ("GP because 30 trials ≤ 100 and 4 of 5 parameters are numeric")
 */
public record SamplerChoice(String name, Sampler sampler, String reason) {

    /** The largest budget GP is chosen for. */
    public static final int GP_MAX_TRIALS = 100;
    /** The most parameters GP is chosen for. */
    public static final int GP_MAX_PARAMETERS = 20;
    /** The smallest budget NSGA-II is chosen for (five generations of 50). */
    public static final int NSGA2_MIN_TRIALS = 250;

    /**
     * The choice for a study.
     *
     * @param budget      the trials the study will run
     * @param numeric     parameters that are floats or integers
     * @param categorical parameters that are categorical
     * @param objectives  the number of objectives
     * @param seed        seeds the chosen sampler
     */
    public static SamplerChoice auto(int budget, int numeric, int categorical, int objectives, long seed) {
        TpeSettings liar = TpeSettings.defaults(); // multivariate, constant liar (Optuna 5)
        if (objectives > 1) {
            if (budget >= NSGA2_MIN_TRIALS) {
                return new SamplerChoice("nsga2", new NsgaIISampler(seed), String.format(Locale.ROOT,
                        "NSGA-II because %d objectives and %d trials >= %d (five generations of 50)",
                        objectives, budget, NSGA2_MIN_TRIALS));
            }
            return new SamplerChoice("tpe", new TpeSampler(liar, seed), String.format(Locale.ROOT,
                    "TPE (Pareto-front split) because %d objectives and %d trials < %d: NSGA-II's first, random "
                            + "generation of 50 would be most of the search", objectives, budget, NSGA2_MIN_TRIALS));
        }
        int total = numeric + categorical;
        if (budget > GP_MAX_TRIALS) {
            return new SamplerChoice("tpe", new TpeSampler(liar, seed), String.format(Locale.ROOT,
                    "TPE because %d trials > %d", budget, GP_MAX_TRIALS));
        }
        if (total > GP_MAX_PARAMETERS) {
            return new SamplerChoice("tpe", new TpeSampler(liar, seed), String.format(Locale.ROOT,
                    "TPE because %d parameters > %d", total, GP_MAX_PARAMETERS));
        }
        if (2 * categorical > total) {
            return new SamplerChoice("tpe", new TpeSampler(liar, seed), String.format(Locale.ROOT,
                    "TPE because %d of %d parameters are categorical", categorical, total));
        }
        return new SamplerChoice("gp", new GpSampler(seed), String.format(Locale.ROOT,
                "GP because %d trials <= %d and %d of %d parameters are numeric", budget, GP_MAX_TRIALS,
                numeric, total));
    }
}
