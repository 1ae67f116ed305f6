package dev.netloom.train;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.training.optimizer.Optimizer;
import ai.djl.training.tracker.Tracker;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/**
 * The optimiser divergence recovery rolls back: its updates are DJL's (SGD bit for bit, Adam to
 * float rounding), and putting its
 * state back makes the following updates exactly those of a run that never left.
 */
class RestorableOptimizerTest {

    private static final int SIZE = 32;

    @ParameterizedTest
    @EnumSource(RestorableOptimizer.Kind.class)
    void updatesMatchDjlsOwnOptimiser(RestorableOptimizer.Kind kind) {
        Engine.getInstance();
        try (NDManager manager = NDManager.newBaseManager()) {
            NDArray ours = manager.create(values(1));
            NDArray djls = manager.create(values(1));
            RestorableOptimizer restorable = new RestorableOptimizer(kind, Tracker.fixed(0.01f), 0.9f, 0.001f);
            Optimizer reference = switch (kind) {
                case SGD -> Optimizer.sgd().setLearningRateTracker(Tracker.fixed(0.01f)).optMomentum(0.9f)
                        .optWeightDecays(0.001f).build();
                case ADAM -> Optimizer.adam().optLearningRateTracker(Tracker.fixed(0.01f)).optWeightDecays(0.001f).build();
                case ADAMW -> Optimizer.adamW().optLearningRateTracker(Tracker.fixed(0.01f)).optWeightDecays(0.001f)
                        .build();
            };
            for (int t = 0; t < 5; t++) {
                restorable.update("w", ours, manager.create(values(100 + t)));
                reference.update("w", djls, manager.create(values(100 + t)));
            }
            if (kind == RestorableOptimizer.Kind.SGD) {
                assertThat(ours.toFloatArray()).containsExactly(djls.toFloatArray());
            } else {
                // PyTorch's fused Adam adds ε after the bias correction of sqrt(v), DJL's before:
                // for a gradient near 0 (sqrt(v) ~ 1e-5 at the first step) that moves an update of
                // ~lr = 0.01 by a few parts in 10^4. Exactness against PyTorch's formula is
                // FusedAdamTest's.
                float[] expected = djls.toFloatArray();
                float[] got = ours.toFloatArray();
                for (int i = 0; i < SIZE; i++) {
                    assertThat(got[i]).as("weight %d", i).isCloseTo(expected[i], within(1e-5f));
                }
            }
        }
    }

    @ParameterizedTest
    @EnumSource(RestorableOptimizer.Kind.class)
    void restoringTheStateRepeatsTheSameUpdates(RestorableOptimizer.Kind kind) {
        Engine.getInstance();
        try (NDManager manager = NDManager.newBaseManager(); NDManager saved = manager.newSubManager()) {
            NDArray w = manager.create(values(1));
            RestorableOptimizer opt = new RestorableOptimizer(kind, Tracker.fixed(0.01f), 0.9f, 0);
            for (int t = 0; t < 3; t++) {
                opt.update("w", w, manager.create(values(10 + t)));
            }
            float[] weightsThen = w.toFloatArray();
            RestorableOptimizer.State state = opt.snapshot(saved);
            for (int t = 3; t < 6; t++) {
                opt.update("w", w, manager.create(values(10 + t)));
            }
            float[] straight = w.toFloatArray();

            // A detour (a huge gradient, as a diverging step gives), then back to the saved state.
            opt.update("w", w, manager.create(values(99)).mul(1e20f));
            w.set(weightsThen);
            opt.restore(state);
            for (int t = 3; t < 6; t++) {
                opt.update("w", w, manager.create(values(10 + t)));
            }
            assertThat(w.toFloatArray()).containsExactly(straight);

            // Without the state (fresh moments and counts) the same weights take other steps.
            NDArray fresh = manager.create(weightsThen);
            RestorableOptimizer forgetful = new RestorableOptimizer(kind, Tracker.fixed(0.01f), 0.9f, 0);
            for (int t = 3; t < 6; t++) {
                forgetful.update("w", fresh, manager.create(values(10 + t)));
            }
            assertThat(fresh.toFloatArray()).isNotEqualTo(straight);
        }
    }

    private static float[] values(long seed) {
        Random r = new Random(seed);
        float[] v = new float[SIZE];
        for (int i = 0; i < v.length; i++) {
            v[i] = (float) r.nextGaussian();
        }
        return v;
    }
}
