package dev.netloom.hpo;

/**
 * What a study optimizes: a function of a {@link Trial} that returns one value per objective of the
 * study. It suggests parameters through the trial, may {@linkplain Trial#report report}
 * intermediate values and throw {@link TrialPruned}; any other exception fails only its trial.
 */
@FunctionalInterface
public interface Objective {

    /** The objective values, one per direction of the study. */
    double[] evaluate(Trial trial) throws Exception;

    /** An objective with one value. */
    static Objective single(Single f) {
        return trial -> new double[] {f.evaluate(trial)};
    }

    /** A one-valued objective; wrap it with {@link #single}. */
    @FunctionalInterface
    interface Single {
        double evaluate(Trial trial) throws Exception;
    }
}
