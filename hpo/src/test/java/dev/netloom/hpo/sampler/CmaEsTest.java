package dev.netloom.hpo.sampler;

import static org.assertj.core.api.Assertions.assertThat;

import dev.netloom.hpo.FrozenTrial;
import dev.netloom.hpo.Objective;
import dev.netloom.hpo.Study;
import dev.netloom.hpo.storage.InMemoryStorage;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class CmaEsTest {

    static double sphere(double[] x, double centre) {
        double s = 0;
        for (double v : x) {
            s += (v - centre) * (v - centre);
        }
        return s;
    }

    @Test
    void theUpdateConvergesOnAShiftedSphere() {
        CmaEs es = new CmaEs(new double[] {0.5, 0.5, 0.5, 0.5}, 0.2, 0, new double[4]);
        SplittableRandom rng = new SplittableRandom(1);
        for (int g = 0; g < 120; g++) {
            int lambda = es.populationSize();
            double[][] xs = new double[lambda][];
            double[] ys = new double[lambda];
            for (int i = 0; i < lambda; i++) {
                xs[i] = es.ask(rng);
                ys[i] = sphere(xs[i], 0.3);
            }
            es.tell(xs, ys);
        }
        assertThat(sphere(es.mean(), 0.3)).isLessThan(1e-8);
        assertThat(es.sigma()).isLessThan(1e-3);
        assertThat(es.populationSize()).isEqualTo(CmaEs.defaultPopulation(4)).isEqualTo(8);
    }

    @Test
    void theMarginKeepsIntegerDimensionsMoving() {
        // A flat objective in an integer dimension: without a margin the spread collapses
        // once every sample rounds to the same cell; with it, samples keep leaving the cell.
        double cell = 1.0 / 11;
        CmaEs es = new CmaEs(new double[] {0.5, 0.5}, 0.2, 0, new double[] {cell, 0});
        SplittableRandom rng = new SplittableRandom(2);
        int leaving = 0;
        int samples = 0;
        for (int g = 0; g < 200; g++) {
            int lambda = es.populationSize();
            double[][] xs = new double[lambda][];
            double[] ys = new double[lambda];
            for (int i = 0; i < lambda; i++) {
                xs[i] = es.ask(rng);
                ys[i] = Math.pow(xs[i][1] - 0.2, 2);
                if (g >= 150) {
                    samples++;
                    if (Math.floor(xs[i][0] / cell) != Math.floor(es.mean()[0] / cell)) {
                        leaving++;
                    }
                }
            }
            es.tell(xs, ys);
        }
        assertThat(leaving).as("late samples that leave the mean's integer cell").isPositive();
        assertThat((double) leaving / samples).isGreaterThanOrEqualTo(1.0 / (2 * es.populationSize()) / 4);
    }

    @Test
    void theSamplerRestartsWithADoubledPopulationAfterConvergence() {
        // A one-parameter problem with a tiny integer range converges fast, so IPOP must restart.
        CmaEsSampler sampler = new CmaEsSampler(3, 1.0 / 6, 4, true);
        Study study = Study.builder(new InMemoryStorage()).setName("ipop").optSampler(sampler).build();
        study.optimize(Objective.single(t -> {
            double x = t.suggestFloat("x", -1, 1);
            double y = t.suggestFloat("y", -1, 1);
            return x * x + y * y;
        }), 400);
        long restarted = study.trials().stream().map(FrozenTrial::systemAttrs)
                .filter(a -> a.getOrDefault(CmaEsSampler.GENERATION, "0:0").startsWith("1:")).count();
        assertThat(restarted).as("trials of the first restart").isPositive();
        assertThat(study.bestValue()).isLessThan(1e-6);
    }

    @Test
    void aSecondSamplerReplaysTheRunFromTheTrials() {
        InMemoryStorage storage = new InMemoryStorage();
        Objective f = Objective.single(t -> Math.pow(t.suggestFloat("x", -3, 3) - 1, 2) + Math.pow(t.suggestInt("k", 0, 20) - 7, 2));
        Study first = Study.builder(storage).setName("replay").optSampler(new CmaEsSampler(9)).build();
        first.optimize(f, 30);
        // A new process with the same seed: its next trials equal those the first sampler would ask.
        Study second = Study.builder(storage).setName("replay").optSampler(new CmaEsSampler(9)).build();
        var a = second.ask();
        double xa = a.suggestFloat("x", -3, 3);
        second.tellFail(a, "probe");
        InMemoryStorage copy = new InMemoryStorage();
        Study reference = Study.builder(copy).setName("replay").optSampler(new CmaEsSampler(9)).build();
        reference.optimize(f, 30);
        var b = reference.ask();
        assertThat(b.suggestFloat("x", -3, 3)).isEqualTo(xa);
    }
}
