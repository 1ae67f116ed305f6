package dev.netloom.hpo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.netloom.hpo.pruner.NopPruner;
import dev.netloom.hpo.sampler.RandomSampler;
import dev.netloom.hpo.storage.JdbcStorage;
import dev.netloom.hpo.storage.Storage;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Constraint values: stored with the trial, read back exactly, and only feasible trials count as best. */
class ConstraintsTest {

    private static Study study(Storage storage, StudyDirection... dirs) {
        return Study.builder(storage).setName("c").optDirections(dirs).optSampler(new RandomSampler(3))
                .optPruner(new NopPruner()).build();
    }

    @Test
    void constraintsAreStoredWithTheTrialAndSurviveReopening(@TempDir Path dir) {
        try (Storage storage = JdbcStorage.sqlite(dir.resolve("s.db"))) {
            Study study = study(storage, StudyDirection.MINIMIZE);
            Trial t = study.ask();
            t.reportConstraints(-0.1, 2.5e-17, 3);
            study.tell(t, 1.0);
        }
        try (Storage storage = JdbcStorage.sqlite(dir.resolve("s.db"))) {
            FrozenTrial t = study(storage, StudyDirection.MINIMIZE).trials().get(0);
            assertThat(t.constraints()).containsExactly(-0.1, 2.5e-17, 3.0);
            assertThat(t.isFeasible()).isFalse();
        }
    }

    @Test
    void aTrialWithoutConstraintsIsFeasibleAndZeroMeetsAConstraint() {
        Study study = study(new dev.netloom.hpo.storage.InMemoryStorage(), StudyDirection.MINIMIZE);
        Trial plain = study.ask();
        study.tell(plain, 1);
        Trial edge = study.ask();
        edge.reportConstraints(0.0, -5);
        study.tell(edge, 2);
        assertThat(study.trials()).allSatisfy(t -> assertThat(t.isFeasible()).isTrue());
        assertThat(study.trials().get(0).constraints()).isEmpty();
    }

    @Test
    void theBestTrialAndTheParetoFrontCountOnlyFeasibleTrials() {
        Study one = study(new dev.netloom.hpo.storage.InMemoryStorage(), StudyDirection.MINIMIZE);
        double[][] valueAndConstraint = {{0.1, 1}, {0.5, -1}, {0.3, 0.01}, {0.7, 0}};
        for (double[] vc : valueAndConstraint) {
            Trial t = one.ask();
            t.reportConstraints(vc[1]);
            one.tell(t, vc[0]);
        }
        assertThat(one.bestValue()).isEqualTo(0.5);
        assertThat(one.bestTrials()).extracting(FrozenTrial::number).containsExactly(1);

        Study two = study(new dev.netloom.hpo.storage.InMemoryStorage(), StudyDirection.MINIMIZE, StudyDirection.MINIMIZE);
        double[][] rows = {{0, 0, 1}, {1, 2, -1}, {2, 1, -1}, {3, 3, -1}};
        for (double[] r : rows) {
            Trial t = two.ask();
            t.reportConstraints(r[2]);
            two.tell(t, r[0], r[1]);
        }
        assertThat(two.bestTrials()).extracting(FrozenTrial::number).containsExactly(1, 2);
    }

    @Test
    void withNoFeasibleTrialTheBestTrialSaysSo() {
        Study study = study(new dev.netloom.hpo.storage.InMemoryStorage(), StudyDirection.MINIMIZE);
        Trial t = study.ask();
        t.reportConstraints(4);
        study.tell(t, 1);
        assertThatThrownBy(study::bestTrial).isInstanceOf(IllegalStateException.class)
                .hasMessage("study 'c' has no complete trial that meets its constraints yet");
        assertThat(study.bestTrials()).isEmpty();
    }

    @Test
    void aConstraintValueMustBeANumber() {
        Study study = study(new dev.netloom.hpo.storage.InMemoryStorage(), StudyDirection.MINIMIZE);
        Trial t = study.ask();
        assertThatThrownBy(() -> t.reportConstraints(1, Double.NaN)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("a constraint value is a number, got NaN");
        assertThatThrownBy(t::reportConstraints).isInstanceOf(IllegalArgumentException.class);
        assertThat(List.of(t.snapshot().constraints())).containsExactly(List.of());
    }
}
