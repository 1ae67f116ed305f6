package dev.netloom.hpo;

import dev.netloom.hpo.sampler.RandomSampler;
import dev.netloom.hpo.storage.InMemoryStorage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * An objective that throws is never silent: its trial keeps the reason and the whole stack trace,
 * the trace is logged, and unless the exception is tolerated the optimization stops (Optuna's
 * {@code catch}); tolerated failures stop it after N in a row.
 */
class FailingObjectiveTest {

    private final List<LogRecord> logged = new CopyOnWriteArrayList<>();
    private final Logger jul = Logger.getLogger(Optimization.class.getName());
    private final Handler capture = new Handler() {
        @Override
        public void publish(LogRecord r) {
            logged.add(r);
        }

        @Override
        public void flush() {
        }

        @Override
        public void close() {
        }
    };

    @BeforeEach
    void listen() {
        jul.addHandler(capture);
        jul.setLevel(Level.ALL);
    }

    @AfterEach
    void stopListening() {
        jul.removeHandler(capture);
        jul.setLevel(null);
    }

    private static Study study() {
        return Study.builder(new InMemoryStorage()).setName("s").optSampler(new RandomSampler(1)).build();
    }

    private static double buggy(Trial t) {
        double x = t.suggestFloat("x", 0, 1);
        if (t.number() == 2) {
            Object missing = null;
            return missing.hashCode(); // a coding error in the user's objective
        }
        return x;
    }

    @Test
    void anExceptionNotToleratedStopsTheOptimizationWithTheTraceStoredAndLogged() {
        Study study = study();
        assertThatThrownBy(() -> study.optimize(Objective.single(FailingObjectiveTest::buggy), 20))
                .isInstanceOf(OptimizationStopped.class)
                .hasMessageContaining("trial #2 of study 's' failed and stopped the optimization")
                .hasCauseInstanceOf(NullPointerException.class)
                .satisfies(e -> assertThat(((OptimizationStopped) e).trial().number()).isEqualTo(2));
        assertThat(study.trials()).hasSize(3); // the budget is not burned
        FrozenTrial failed = study.trials().get(2);
        assertThat(failed.state()).isEqualTo(TrialState.FAIL);
        assertThat(failed.failReason()).contains("NullPointerException");
        assertThat(failed.failTrace()).contains("NullPointerException", "at dev.netloom.hpo.FailingObjectiveTest.buggy",
                "at dev.netloom.hpo.Optimization.runOne");
        assertThat(failed.failTrace().lines().count()).isGreaterThan(3);
        assertThat(logged).singleElement().satisfies(r -> {
            assertThat(r.getLevel()).isEqualTo(Level.SEVERE);
            assertThat(r.getThrown()).isInstanceOf(NullPointerException.class);
            assertThat(r.getMessage()).contains("trial #2 failed");
        });
    }

    @Test
    void aToleratedExceptionFailsOnlyItsTrialAndIsStillLogged() {
        Study study = study();
        study.optimize(Objective.single(FailingObjectiveTest::buggy),
                OptimizeSettings.of(6).tolerating(NullPointerException.class));
        assertThat(study.trials()).hasSize(6);
        assertThat(study.trials(TrialState.FAIL)).singleElement()
                .satisfies(t -> assertThat(t.failTrace()).contains("FailingObjectiveTest.buggy"));
        assertThat(logged).singleElement().satisfies(r -> assertThat(r.getThrown()).isInstanceOf(NullPointerException.class));
    }

    @Test
    void toleratedFailuresInARowStopWithTheFirstFailuresMessage() {
        Study study = study();
        assertThatThrownBy(() -> study.optimize(Objective.single(t -> {
            t.suggestFloat("x", 0, 1);
            if (t.number() >= 2) {
                throw new IllegalArgumentException("the model does not fit, try " + t.number());
            }
            return 1;
        }), OptimizeSettings.of(50).tolerating(IllegalArgumentException.class).stoppingAfterConsecutiveFailures(3)))
                .isInstanceOf(OptimizationStopped.class)
                .hasMessageContaining("3 trials failed in a row (#2 to #4)")
                .hasMessageContaining("the first failed with: java.lang.IllegalArgumentException: the model does not fit, try 2");
        assertThat(study.trials()).hasSize(5);
    }

    @Test
    void failuresOfAnEarlierCallDoNotCountAgainstTheNextAndASuccessResetsTheCount() {
        Study study = study();
        Objective alwaysFails = Objective.single(t -> {
            t.suggestFloat("x", 0, 1);
            throw new IllegalArgumentException("no");
        });
        OptimizeSettings settings = OptimizeSettings.of(10).tolerating(IllegalArgumentException.class)
                .stoppingAfterConsecutiveFailures(3);
        assertThatThrownBy(() -> study.optimize(alwaysFails, settings)).isInstanceOf(OptimizationStopped.class);
        // A resumed search with a fixed objective is not stopped by the old failures; and a NaN
        // every other trial never makes three in a row.
        study.optimize(Objective.single(t -> t.number() % 2 == 0 ? Double.NaN : t.suggestFloat("x", 0, 1)), settings);
        assertThat(study.trials()).hasSize(13);
    }

    @Test
    void theHeartbeatGraceDefaultsToThreeIntervals() {
        Study study = Study.builder(new InMemoryStorage()).setName("h").optHeartbeat(Duration.ofSeconds(30)).build();
        assertThat(study.heartbeatGrace()).isEqualTo(Duration.ofSeconds(90));
        assertThat(Study.builder(new InMemoryStorage()).setName("g")
                .optHeartbeat(Duration.ofSeconds(10), Duration.ofMinutes(2)).build().heartbeatGrace())
                .isEqualTo(Duration.ofMinutes(2));
    }

    @Test
    void aTrialAnotherWorkerGaveUpWhileItRanIsDroppedWithOneLineAndTheStudyGoesOn() {
        Study study = study();
        // What a reaper in another process does when this worker's heartbeats are late: the trial
        // is failed under it. Trial 0 is given up before it returns a value, trial 1 before it throws.
        study.optimize(Objective.single(t -> {
            double x = t.suggestFloat("x", -1, 1);
            if (t.number() < 2) {
                study.storage().setSystemAttr(t.id(), FrozenTrial.FAIL_REASON, "stopped heart-beating");
                study.storage().finishTrial(t.id(), TrialState.FAIL, List.of());
                if (t.number() == 1) {
                    throw new IllegalStateException("the trial can no longer change");
                }
            }
            return x * x;
        }), 4);
        List<FrozenTrial> trials = study.trials();
        assertThat(trials).extracting(FrozenTrial::state)
                .containsExactly(TrialState.FAIL, TrialState.FAIL, TrialState.COMPLETE, TrialState.COMPLETE);
        assertThat(trials.get(0).failReason()).isEqualTo("stopped heart-beating");
        assertThat(logged).filteredOn(r -> r.getMessage().contains("was given up by another worker")).hasSize(2);
    }
}
