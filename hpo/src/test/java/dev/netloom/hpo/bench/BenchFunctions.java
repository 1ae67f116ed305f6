package dev.netloom.hpo.bench;

import dev.netloom.hpo.Trial;
import java.util.List;
import java.util.function.ToDoubleFunction;

/**
 * The benchmark functions, identical to those in {@code hpo/bench/optuna_bench.py}: Branin,
 * Hartmann-6, Rosenbrock-10D, Styblinski-Tang-5D, a mixed integer/categorical/log function, and
 * (for {@code hpo/bench/gp.sh}) Ackley-5D and a mixed integer/log function without categories.
 * All are minimized.
 */
final class BenchFunctions {

    record Function(String name, double optimum, ToDoubleFunction<Trial> objective) {
    }

    private BenchFunctions() {
    }

    static final List<Function> ALL = List.of(
            new Function("branin", 0.397887, BenchFunctions::branin),
            new Function("hartmann6", -3.32237, BenchFunctions::hartmann6),
            new Function("rosenbrock10", 0, BenchFunctions::rosenbrock10),
            new Function("styblinski5", -195.830, BenchFunctions::styblinski5),
            new Function("mixed", 0, BenchFunctions::mixed));

    /** The functions of {@code hpo/bench/gp.sh}: small budgets, where a Gaussian process should shine. */
    static final List<Function> GP = List.of(
            new Function("hartmann6", -3.32237, BenchFunctions::hartmann6),
            new Function("branin", 0.397887, BenchFunctions::branin),
            new Function("ackley5", 0, BenchFunctions::ackley5),
            new Function("mixed-int-log", 0, BenchFunctions::mixedIntLog));

    static double branin(Trial t) {
        double x1 = t.suggestFloat("x1", -5, 10);
        double x2 = t.suggestFloat("x2", 0, 15);
        double b = 5.1 / (4 * Math.PI * Math.PI);
        double c = 5 / Math.PI;
        double s = 10 * (1 - 1 / (8 * Math.PI));
        return Math.pow(x2 - b * x1 * x1 + c * x1 - 6, 2) + s * Math.cos(x1) + 10;
    }

    private static final double[] H_ALPHA = {1.0, 1.2, 3.0, 3.2};
    private static final double[][] H_A = {
            {10, 3, 17, 3.5, 1.7, 8}, {0.05, 10, 17, 0.1, 8, 14}, {3, 3.5, 1.7, 10, 17, 8}, {17, 8, 0.05, 10, 0.1, 14}};
    private static final double[][] H_P = {
            {0.1312, 0.1696, 0.5569, 0.0124, 0.8283, 0.5886}, {0.2329, 0.4135, 0.8307, 0.3736, 0.1004, 0.9991},
            {0.2348, 0.1451, 0.3522, 0.2883, 0.3047, 0.6650}, {0.4047, 0.8828, 0.8732, 0.5743, 0.1091, 0.0381}};

    static double hartmann6(Trial t) {
        double[] x = new double[6];
        for (int i = 0; i < 6; i++) {
            x[i] = t.suggestFloat("x" + i, 0, 1);
        }
        double sum = 0;
        for (int k = 0; k < 4; k++) {
            double inner = 0;
            for (int j = 0; j < 6; j++) {
                inner += H_A[k][j] * Math.pow(x[j] - H_P[k][j], 2);
            }
            sum += H_ALPHA[k] * Math.exp(-inner);
        }
        return -sum;
    }

    static double rosenbrock10(Trial t) {
        double[] x = new double[10];
        for (int i = 0; i < 10; i++) {
            x[i] = t.suggestFloat("x" + i, -5, 10);
        }
        double s = 0;
        for (int i = 0; i < 9; i++) {
            s += 100 * Math.pow(x[i + 1] - x[i] * x[i], 2) + Math.pow(1 - x[i], 2);
        }
        return s;
    }

    static double styblinski5(Trial t) {
        double s = 0;
        for (int i = 0; i < 5; i++) {
            double x = t.suggestFloat("x" + i, -5, 5);
            s += x * x * x * x - 16 * x * x + 5 * x;
        }
        return s / 2;
    }

    static final List<String> OPTIMIZERS = List.of("sgd", "adam", "adamw", "rmsprop");
    static final double[] OPTIMIZER_PENALTY = {1.0, 0.3, 0.0, 0.6};

    /** A training-run-like mix: a float, an integer, a log-scaled float and a category. */
    static double mixed(Trial t) {
        double dropout = t.suggestFloat("dropout", 0, 0.8);
        int layers = t.suggestInt("layers", 1, 20);
        double lr = t.suggestFloat("lr", 1e-5, 1, true);
        String opt = t.suggestCategorical("optimizer", OPTIMIZERS);
        return Math.pow(dropout - 0.3, 2) * 4 + Math.pow(layers - 7, 2) / 10.0 + Math.pow(Math.log10(lr) + 3, 2) / 4
                + OPTIMIZER_PENALTY[OPTIMIZERS.indexOf(opt)];
    }

    /** Ackley in 5 dimensions on [-32.768, 32.768] (a=20, b=0.2, c=2π); the optimum 0 at the origin. */
    static double ackley5(Trial t) {
        double sq = 0;
        double cos = 0;
        for (int i = 0; i < 5; i++) {
            double x = t.suggestFloat("x" + i, -32.768, 32.768);
            sq += x * x;
            cos += Math.cos(2 * Math.PI * x);
        }
        return -20 * Math.exp(-0.2 * Math.sqrt(sq / 5)) - Math.exp(cos / 5) + 20 + Math.E;
    }

    /**
     * A training-run-like space of numbers only: a log-scaled learning rate, a log-scaled integer
     * width, an integer depth and a float dropout (optimum 0 at lr 1e-3, width 96, depth 4, dropout 0.2).
     */
    static double mixedIntLog(Trial t) {
        double lr = t.suggestFloat("lr", 1e-5, 1, true);
        int width = t.suggestInt("width", 8, 1024, true);
        int depth = t.suggestInt("depth", 1, 12);
        double dropout = t.suggestFloat("dropout", 0, 0.8);
        return Math.pow(Math.log10(lr) + 3, 2) / 2 + Math.pow(Math.log(width / 96.0), 2) / 2
                + Math.pow(depth - 4, 2) / 8.0 + 4 * Math.pow(dropout - 0.2, 2);
    }
}
