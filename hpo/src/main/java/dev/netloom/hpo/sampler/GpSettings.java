package dev.netloom.hpo.sampler;

/**
 * Settings of {@link GpSampler}. {@link #defaults()}: 10 startup trials (as Optuna's GP sampler),
 * 1 random restart of the hyperparameter fit besides the fixed start, 300 likelihood evaluations
 * per start, 1,024 random acquisition points plus perturbations of the 5 best trials, compass
 * searches from the best 3 points, and the kriging believer for running trials.
 *
 * @param nStartupTrials finished trials (complete or pruned) placed by a Sobol sequence before the model takes over
 * @param fitRestarts    random restarts of the hyperparameter search
 * @param fitEvaluations marginal-likelihood evaluations per start
 * @param randomPoints   random points the acquisition is scored at
 * @param localStarts    points a local search starts from
 * @param krigingBeliever whether running trials count as observed at the model's mean (parallel workers
 *                        then spread out instead of proposing the same point)
 */
public record GpSettings(int nStartupTrials, int fitRestarts, int fitEvaluations, int randomPoints, int localStarts,
                         boolean krigingBeliever) {

    public GpSettings {
        if (nStartupTrials < 0 || fitRestarts < 0 || fitEvaluations < 10 || randomPoints < 1 || localStarts < 0) {
            throw new IllegalArgumentException("need nStartupTrials >= 0, fitRestarts >= 0, fitEvaluations >= 10, "
                    + "randomPoints >= 1, localStarts >= 0");
        }
    }

    /** The defaults. */
    public static GpSettings defaults() {
        return new GpSettings(10, 1, 300, 1024, 3, true);
    }

    public GpSettings withStartupTrials(int n) {
        return new GpSettings(n, fitRestarts, fitEvaluations, randomPoints, localStarts, krigingBeliever);
    }

    public GpSettings withKrigingBeliever(boolean on) {
        return new GpSettings(nStartupTrials, fitRestarts, fitEvaluations, randomPoints, localStarts, on);
    }
}
