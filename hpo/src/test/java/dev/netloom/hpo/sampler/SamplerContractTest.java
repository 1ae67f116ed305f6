package dev.netloom.hpo.sampler;

import static org.assertj.core.api.Assertions.assertThat;

import dev.netloom.hpo.FrozenTrial;
import dev.netloom.hpo.Objective;
import dev.netloom.hpo.Study;
import dev.netloom.hpo.StudyDirection;
import dev.netloom.hpo.Trial;
import dev.netloom.hpo.TrialState;
import dev.netloom.hpo.distribution.Distribution;
import dev.netloom.hpo.pruner.NopPruner;
import dev.netloom.hpo.storage.InMemoryStorage;
import dev.netloom.hpo.storage.JdbcStorage;
import dev.netloom.hpo.storage.Storage;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.LongFunction;
import java.util.stream.Stream;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The tests every sampler passes, on one mixed, conditional search space: reproducible from a
 * seed, different for another seed, every value legal (bounds, steps, log scale, choices),
 * conditional parameters present exactly when their condition holds, and a study resumed from its
 * storage file by a new process (a new sampler object) continuing exactly as an uninterrupted one.
 */
class SamplerContractTest {

    /** A sampler under test and how many objectives its study has. */
    record Case(String name, LongFunction<Sampler> make, int objectives) {
        @Override
        public String toString() {
            return name;
        }
    }

    static Stream<Case> samplers() {
        return Stream.of(
                new Case("random", RandomSampler::new, 1),
                new Case("grid", seed -> new GridSampler(Map.of(
                        "x", List.of(-5.0, 0.0, 5.0), "lr", List.of(1e-5, 1e-3), "q", List.of(0.0, 0.5, 1.0),
                        "n", List.of(1, 9), "units", List.of(1, 1024), "kind", List.of("a", "b", "c"),
                        "a_only", List.of(0.0, 1.0)), seed), 1),
                new Case("sobol", SobolSampler::new, 1),
                new Case("tpe", TpeSampler::new, 1),
                new Case("tpe-univariate", seed -> new TpeSampler(TpeSettings.univariate(), seed), 1),
                new Case("tpe-pareto", TpeSampler::new, 2),
                new Case("cma-es", CmaEsSampler::new, 1),
                new Case("gp", GpSampler::new, 1),
                new Case("gp-parego", GpSampler::new, 2),
                new Case("nsga-ii", seed -> new NsgaIISampler(seed, 8, 0.9, 0.5), 2));
    }

    static final int TRIALS = 40;

    static double[] objective(Trial t) {
        double x = t.suggestFloat("x", -5, 5);
        double lr = t.suggestFloat("lr", 1e-5, 1e-1, true);
        double q = t.suggestFloat("q", 0, 1, 0.25);
        int n = t.suggestInt("n", 1, 9, 2);
        int units = t.suggestInt("units", 1, 1024, true);
        String kind = t.suggestCategorical("kind", List.of("a", "b", "c"));
        double y = (x - 1) * (x - 1) + Math.pow(Math.log10(lr) + 3, 2) + q + n * 0.1 + Math.abs(Math.log(units) - 3);
        if (kind.equals("a")) {
            y += t.suggestFloat("a_only", 0, 1);
        } else if (kind.equals("b")) {
            y += 0.5;
        }
        return new double[] {y, x * x};
    }

    static List<FrozenTrial> run(Case c, long seed) {
        Study study = open(c, seed, new InMemoryStorage());
        study.optimize(objective(c), TRIALS);
        return study.trials();
    }

    private static Study open(Case c, long seed, Storage storage) {
        StudyDirection[] dirs = c.objectives() == 1 ? new StudyDirection[] {StudyDirection.MINIMIZE}
                : new StudyDirection[] {StudyDirection.MINIMIZE, StudyDirection.MINIMIZE};
        return Study.builder(storage).setName("contract").optDirections(dirs)
                .optSampler(c.make().apply(seed)).optPruner(new NopPruner()).build();
    }

    private static Objective objective(Case c) {
        return c.objectives() == 1 ? trial -> new double[] {objective(trial)[0]} : SamplerContractTest::objective;
    }

    private static List<Map<String, Object>> params(List<FrozenTrial> trials) {
        List<Map<String, Object>> out = new ArrayList<>();
        trials.forEach(t -> out.add(t.params()));
        return out;
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("samplers")
    void theSameSeedGivesTheSameTrialsAndAnotherSeedOthers(Case c) {
        List<FrozenTrial> a = run(c, 42);
        List<FrozenTrial> b = run(c, 42);
        List<FrozenTrial> other = run(c, 43);
        assertThat(params(b)).isEqualTo(params(a));
        assertThat(b).extracting(FrozenTrial::values).isEqualTo(a.stream().map(FrozenTrial::values).toList());
        assertThat(params(other)).isNotEqualTo(params(a));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("samplers")
    void everyValueIsLegalAndConditionalParamsFollowTheirCondition(Case c) {
        List<FrozenTrial> trials = run(c, 7);
        assertThat(trials).hasSize(TRIALS).allSatisfy(t -> assertThat(t.state()).isEqualTo(TrialState.COMPLETE));
        for (FrozenTrial t : trials) {
            for (Map.Entry<String, Double> p : t.internalParams().entrySet()) {
                Distribution d = t.distributions().get(p.getKey());
                assertThat(d.containsInternal(p.getValue())).as("%s = %s in %s", p.getKey(), p.getValue(), d).isTrue();
            }
            Map<String, Object> p = t.params();
            assertThat((double) p.get("x")).isBetween(-5.0, 5.0);
            assertThat((double) p.get("lr")).isBetween(1e-5, 1e-1);
            assertThat((double) p.get("q")).isIn(0.0, 0.25, 0.5, 0.75, 1.0);
            assertThat((long) p.get("n")).isIn(1L, 3L, 5L, 7L, 9L);
            assertThat((long) p.get("units")).isBetween(1L, 1024L);
            assertThat(p.get("kind")).isIn("a", "b", "c");
            assertThat(p.containsKey("a_only")).isEqualTo(p.get("kind").equals("a"));
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("samplers")
    void logScaledParamsAreSpreadOverTheirDecades(Case c) {
        if (c.name().equals("grid")) {
            return; // The grid's own values decide; there is nothing to spread.
        }
        List<FrozenTrial> trials = run(c, 11);
        long small = trials.stream().filter(t -> (double) t.params().get("lr") < 1e-2).count();
        // Uniform on the linear scale would put 10% below 1e-2; log-uniform puts 75% there.
        assertThat(small).as("trials with lr < 1e-2").isGreaterThan(TRIALS * 3L / 10);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("samplers")
    void aStudyResumedFromItsFileContinuesAsIfNeverStopped(Case c, @TempDir Path dir) {
        int first = TRIALS / 2 + 3; // not at a generation boundary of the population samplers
        try (Storage s = JdbcStorage.sqlite(dir.resolve("resumed.db"))) {
            open(c, 21, s).optimize(objective(c), first);
        }
        List<FrozenTrial> resumed;
        try (Storage s = JdbcStorage.sqlite(dir.resolve("resumed.db"))) {
            Study again = open(c, 21, s);
            again.optimize(objective(c), TRIALS - first);
            resumed = again.trials();
        }
        List<FrozenTrial> straight;
        try (Storage s = JdbcStorage.sqlite(dir.resolve("straight.db"))) {
            Study study = open(c, 21, s);
            study.optimize(objective(c), TRIALS);
            straight = study.trials();
        }
        assertThat(params(resumed)).isEqualTo(params(straight));
    }
}
