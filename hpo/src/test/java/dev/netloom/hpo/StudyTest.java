package dev.netloom.hpo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.netloom.hpo.pruner.NopPruner;
import dev.netloom.hpo.sampler.RandomSampler;
import dev.netloom.hpo.storage.InMemoryStorage;
import dev.netloom.hpo.storage.JdbcStorage;
import dev.netloom.hpo.storage.Storage;
import dev.netloom.hpo.storage.StorageException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class StudyTest {

    private static Study study(Storage storage, StudyDirection... dirs) {
        return Study.builder(storage).setName("s").optDirections(dirs).optSampler(new RandomSampler(1))
                .optPruner(new NopPruner()).build();
    }

    @Test
    void askAndTellRecordParamsValuesAndTheBestTrial() {
        Study study = study(new InMemoryStorage(), StudyDirection.MAXIMIZE);
        for (int i = 0; i < 5; i++) {
            Trial t = study.ask();
            double x = t.suggestFloat("x", 0, 10);
            assertThat(t.suggestFloat("x", 0, 10)).as("a repeated suggestion returns the same value").isEqualTo(x);
            t.setUserAttr("note", "n" + i);
            study.tell(t, x);
        }
        FrozenTrial best = study.bestTrial();
        assertThat(study.trials(TrialState.COMPLETE)).hasSize(5)
                .allSatisfy(t -> assertThat(t.value()).isLessThanOrEqualTo(best.value()));
        assertThat(study.bestParams()).containsEntry("x", best.value());
        assertThat(best.userAttrs()).containsEntry("note", "n" + best.number());
    }

    @Test
    void aParamSuggestedAgainWithAnotherDistributionIsAnErrorNamingBoth() {
        Study study = study(new InMemoryStorage(), StudyDirection.MINIMIZE);
        Trial t = study.ask();
        t.suggestInt("units", 1, 10);
        assertThatThrownBy(() -> t.suggestInt("units", 1, 20))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("parameter 'units' was suggested as IntDistribution[low=1, high=10")
                .hasMessageContaining("and now as IntDistribution[low=1, high=20");
    }

    @Test
    void toleratedFailuresFailOnlyTheirTrialWithTheReason() {
        Study study = study(new InMemoryStorage(), StudyDirection.MINIMIZE);
        study.optimize(Objective.single(t -> {
            double x = t.suggestFloat("x", 0, 1);
            if (t.number() % 3 == 0) {
                throw new IllegalStateException("out of memory on purpose");
            }
            return t.number() % 3 == 1 ? Double.NaN : x;
        }), OptimizeSettings.of(9).tolerating(IllegalStateException.class));
        List<FrozenTrial> trials = study.trials();
        assertThat(trials).hasSize(9);
        assertThat(trials).filteredOn(t -> t.number() % 3 == 0).allSatisfy(t -> {
            assertThat(t.state()).isEqualTo(TrialState.FAIL);
            assertThat(t.failReason()).contains("IllegalStateException: out of memory on purpose");
        });
        assertThat(trials).filteredOn(t -> t.number() % 3 == 1)
                .allSatisfy(t -> assertThat(t.failReason()).contains("NaN"));
        assertThat(study.trials(TrialState.COMPLETE)).hasSize(3);
    }

    @Test
    void aPrunedTrialKeepsItsLastReportAsValue() {
        Study study = Study.builder(new InMemoryStorage()).setName("p").optPruner((s, t) -> t.intermediateValues().size() >= 2)
                .optSampler(new RandomSampler(3)).build();
        study.optimize(Objective.single(t -> {
            for (int step = 0; step < 10; step++) {
                t.report(step, 10 - step);
                if (t.shouldPrune()) {
                    throw new TrialPruned();
                }
            }
            return 0;
        }), 2);
        assertThat(study.trials()).allSatisfy(t -> {
            assertThat(t.state()).isEqualTo(TrialState.PRUNED);
            assertThat(t.values()).containsExactly(9.0);
        });
    }

    @Test
    void enqueuedTrialsRunFirstWithTheirParams() {
        Study study = study(new InMemoryStorage(), StudyDirection.MINIMIZE);
        study.enqueueTrial(Map.of("x", 0.25, "kind", "b", "n", 3));
        study.enqueueTrial(Map.of("x", 99.0)); // outside the range: sampled instead
        study.optimize(Objective.single(t -> t.suggestFloat("x", 0, 1) + t.suggestInt("n", 0, 5)
                + (t.suggestCategorical("kind", List.of("a", "b")).equals("a") ? 1 : 0)), 3);
        List<FrozenTrial> trials = study.trials();
        assertThat(trials.get(0).params()).containsEntry("x", 0.25).containsEntry("kind", "b").containsEntry("n", 3L);
        assertThat((double) trials.get(1).params().get("x")).isBetween(0.0, 1.0);
        assertThat(trials).hasSize(3).allSatisfy(t -> assertThat(t.state()).isEqualTo(TrialState.COMPLETE));
    }

    @Test
    void optimizeRunsExactlyNTrialsOverThreads() {
        Study study = study(new InMemoryStorage(), StudyDirection.MINIMIZE);
        Set<String> threads = ConcurrentHashMap.newKeySet();
        study.optimize(Objective.single(t -> {
            threads.add(Thread.currentThread().getName());
            double s = 0;
            for (int i = 0; i < 20_000; i++) {
                s += Math.sin(i * t.suggestFloat("x", 0, 1));
            }
            return s;
        }), 60, null, 4);
        List<FrozenTrial> trials = study.trials();
        assertThat(trials).hasSize(60).allSatisfy(t -> assertThat(t.state()).isEqualTo(TrialState.COMPLETE));
        assertThat(new HashSet<>(trials.stream().map(FrozenTrial::number).toList())).hasSize(60);
        assertThat(threads).allSatisfy(n -> assertThat(n).startsWith("hpo-worker-s-"));
    }

    @Test
    void aTimeoutStopsStartingTrials() {
        Study study = study(new InMemoryStorage(), StudyDirection.MINIMIZE);
        study.optimize(Objective.single(t -> t.suggestFloat("x", 0, 1)), Integer.MAX_VALUE, Duration.ofMillis(300), 2);
        assertThat(study.trials().size()).isPositive().isLessThan(Integer.MAX_VALUE);
        assertThat(study.trials()).allSatisfy(t -> assertThat(t.state().isFinished()).isTrue());
    }

    @Test
    void severalObjectivesGiveAParetoFrontAndRefuseASingleBest() {
        Study study = study(new InMemoryStorage(), StudyDirection.MINIMIZE, StudyDirection.MAXIMIZE);
        study.optimize(t -> {
            double x = t.suggestFloat("x", 0, 1);
            return new double[] {x, x * x};
        }, 10);
        // min x and max x² conflict: every trial is on the front.
        assertThat(study.bestTrials()).hasSize(10);
        assertThatThrownBy(study::bestTrial).isInstanceOf(IllegalStateException.class).hasMessageContaining("2 objectives");
    }

    @Test
    void aStudyResumesAfterTheProcessReopensItsFile(@TempDir Path dir) {
        Path db = dir.resolve("resume.db");
        try (Storage storage = JdbcStorage.sqlite(db)) {
            study(storage, StudyDirection.MINIMIZE).optimize(Objective.single(t -> t.suggestFloat("x", 0, 1)), 5);
        }
        try (Storage storage = JdbcStorage.sqlite(db)) {
            Study again = Study.builder(storage).setName("s").optSampler(new RandomSampler(2)).build();
            assertThat(again.directions()).containsExactly(StudyDirection.MINIMIZE);
            again.optimize(Objective.single(t -> t.suggestFloat("x", 0, 1)), 5);
            assertThat(again.trials()).extracting(FrozenTrial::number).containsExactly(0, 1, 2, 3, 4, 5, 6, 7, 8, 9);
            assertThatThrownBy(() -> Study.builder(storage).setName("s").optDirections(StudyDirection.MAXIMIZE).build())
                    .hasMessageContaining("has directions [MINIMIZE], not [MAXIMIZE]");
            assertThatThrownBy(() -> Study.builder(storage).setName("s").optLoadIfExists(false).build())
                    .isInstanceOf(StorageException.class);
        }
    }

    @Test
    void aTrialReapedByHeartbeatIsRetriedWithItsParams() throws Exception {
        Study study = Study.builder(new InMemoryStorage()).setName("hb").optSampler(new RandomSampler(5))
                .optHeartbeat(Duration.ofMillis(20), Duration.ofMillis(100)).optRetryFailedTrials(1).build();
        Trial alive = study.ask();
        Trial abandoned = study.ask(); // its worker "dies": no heartbeat is ever recorded
        double x = abandoned.suggestFloat("x", 0, 1);
        for (int i = 0; i < 4; i++) {
            Thread.sleep(50); // the point of the test: the grace period passes for one trial only
            alive.heartbeat();
        }
        List<FrozenTrial> reaped = study.reapStaleTrials();
        assertThat(reaped).extracting(FrozenTrial::number).containsExactly(abandoned.number());
        Trial retry = study.ask();
        assertThat(retry.suggestFloat("x", 0, 1)).isEqualTo(x);
        assertThat(retry.snapshot().systemAttrs()).containsEntry(Study.RETRY_OF, Integer.toString(abandoned.number()));
        assertThat(alive.snapshot().state()).isEqualTo(TrialState.RUNNING);
        assertThatThrownBy(() -> study.tell(abandoned, 1.0)).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("already FAIL");
    }
}
