package dev.netloom.hpo.sampler;

import static org.assertj.core.api.Assertions.assertThat;

import dev.netloom.hpo.FrozenTrial;
import dev.netloom.hpo.Study;
import dev.netloom.hpo.StudyDirection;
import dev.netloom.hpo.storage.InMemoryStorage;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The defaults follow Optuna 5: multivariate TPE with the constant liar, for one objective and several. */
class Optuna5DefaultsTest {

    @Test
    void tpeDefaultsAreMultivariateWithTheConstantLiar() {
        assertThat(TpeSettings.defaults().multivariate()).isTrue();
        assertThat(TpeSettings.defaults().constantLiar()).isTrue();
        assertThat(new TpeSampler(1).settings()).isEqualTo(TpeSettings.defaults());
        assertThat(TpeSettings.univariate().multivariate()).isFalse();
        assertThat(TpeSettings.univariate().constantLiar()).isFalse();
        assertThat(TpeSettings.univariate().nStartupTrials()).isEqualTo(TpeSettings.defaults().nStartupTrials());
    }

    @Test
    void aStudyWithoutASamplerUsesThatTpeForOneObjectiveAndForSeveral() {
        Study one = Study.builder(new InMemoryStorage()).setName("one").build();
        Study two = Study.builder(new InMemoryStorage()).setName("two")
                .optDirections(StudyDirection.MAXIMIZE, StudyDirection.MINIMIZE).build();
        for (Study s : List.of(one, two)) {
            assertThat(s.sampler()).isInstanceOf(TpeSampler.class);
            assertThat(((TpeSampler) s.sampler()).settings()).isEqualTo(TpeSettings.defaults());
        }
    }

    @Test
    void theAutomaticChoiceUsesThatTpeToo() {
        Sampler chosen = SamplerChoice.auto(500, 3, 0, 1, 0).sampler();
        assertThat(((TpeSampler) chosen).settings()).isEqualTo(TpeSettings.defaults());
    }

    private static List<Map<String, Object>> run(Study study) {
        // 25 trials: past the 10 startup trials, so TPE itself chooses most of them.
        study.optimize(t -> new double[] {SamplerContractTest.objective(t)[0]}, 25);
        return study.trials().stream().map(FrozenTrial::params).toList();
    }

    @Test
    void anInMemoryStudyWithASeedRepeatsItsTrials() {
        List<Map<String, Object>> a = run(Study.inMemory("seeded", 42));
        assertThat(run(Study.inMemory("seeded", 42))).isEqualTo(a);
        assertThat(run(Study.inMemory("seeded", 43))).isNotEqualTo(a);
        Study s = Study.inMemory("seeded", 42);
        assertThat(s.directions()).containsExactly(StudyDirection.MINIMIZE);
        assertThat(((TpeSampler) s.sampler()).settings()).isEqualTo(TpeSettings.defaults());
    }
}
