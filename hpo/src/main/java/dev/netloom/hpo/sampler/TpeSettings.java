package dev.netloom.hpo.sampler;

/**
 * Settings of {@link TpeSampler}. {@link #defaults()} are Optuna 5's (docs/figures.md; Optuna v5.0.0
 * release notes, PRs #6746 and #6738): 10 startup trials, 24 expected-improvement candidates, prior
 * weight 1.0, magic clip on, <b>multivariate</b> and with the <b>constant liar</b> — parallel workers
 * spread out instead of sampling next to each other, and a lone worker is unaffected by the liar
 * (there are no running trials to lie about). {@link #univariate()} are the Optuna 1.5–4 defaults
 * (univariate, no liar), which {@code hpo/bench} compares with Optuna 3.1.
 * gamma(n) = min(ceil(0.1 n), 25) and the weights (flat for the newest 25, a linear ramp for older)
 * are fixed, as they are Optuna's defaults and rarely worth changing.
 *
 * @param nStartupTrials finished trials sampled at random before TPE takes over
 * @param nEiCandidates  candidates drawn from the good-trial estimator per suggestion
 * @param priorWeight    weight of the prior component of each estimator
 * @param multivariate   whether the parameters every trial has are sampled jointly
 * @param constantLiar   whether running trials count as bad ones (use with parallel workers)
 * @param magicClip      whether kernel widths have a lower bound
 */
public record TpeSettings(int nStartupTrials, int nEiCandidates, double priorWeight, boolean multivariate,
                          boolean constantLiar, boolean magicClip) {

    public TpeSettings {
        if (nStartupTrials < 0 || nEiCandidates < 1 || !(priorWeight > 0)) {
            throw new IllegalArgumentException("need nStartupTrials >= 0, nEiCandidates >= 1, priorWeight > 0");
        }
    }

    /** Optuna 5's defaults: multivariate, constant liar. */
    public static TpeSettings defaults() {
        return new TpeSettings(10, 24, 1.0, true, true, true);
    }

    /** Optuna 1.5–4's defaults: univariate, no constant liar (what {@code hpo/bench} compares with Optuna 3.1). */
    public static TpeSettings univariate() {
        return new TpeSettings(10, 24, 1.0, false, false, true);
    }

    public TpeSettings withMultivariate(boolean on) {
        return new TpeSettings(nStartupTrials, nEiCandidates, priorWeight, on, constantLiar, magicClip);
    }

    public TpeSettings withConstantLiar(boolean on) {
        return new TpeSettings(nStartupTrials, nEiCandidates, priorWeight, multivariate, on, magicClip);
    }

    public TpeSettings withStartupTrials(int n) {
        return new TpeSettings(n, nEiCandidates, priorWeight, multivariate, constantLiar, magicClip);
    }

    /** How many of {@code n} trials count as good: min(ceil(0.1 n), 25). */
    public static int gamma(int n) {
        return Math.min((int) Math.ceil(0.1 * n), 25);
    }

    /** Weights of {@code n} trials, oldest first: a linear ramp from 1/n, then 1.0 for the newest 25. */
    public static double[] weights(int n) {
        double[] w = new double[n];
        int ramp = Math.max(0, n - 25);
        for (int i = 0; i < n; i++) {
            if (i < ramp) {
                // numpy.linspace(1 / n, 1.0, num=n - 25)
                w[i] = ramp == 1 ? 1.0 / n : 1.0 / n + (1.0 - 1.0 / n) * i / (ramp - 1);
            } else {
                w[i] = 1.0;
            }
        }
        return w;
    }
}
