#!/usr/bin/python3
"""The Optuna half of hpo/bench/run.sh: the same functions, the same CSV lines as BenchMain.

quality,optuna,<sampler>,<function>,<seeds>,<median>,<q1>,<q3>
speed,optuna,tpe,<finished trials>,<ms per trial of 6 suggestions, best of 5 blocks>

Uses Debian's python3-optuna (Optuna 3.1) with its default TPESampler settings.
"""
import argparse
import math
import time

import numpy as np
import optuna

optuna.logging.set_verbosity(optuna.logging.ERROR)


def branin(t):
    x1 = t.suggest_float("x1", -5, 10)
    x2 = t.suggest_float("x2", 0, 15)
    b = 5.1 / (4 * math.pi ** 2)
    c = 5 / math.pi
    s = 10 * (1 - 1 / (8 * math.pi))
    return (x2 - b * x1 * x1 + c * x1 - 6) ** 2 + s * math.cos(x1) + 10


H_ALPHA = [1.0, 1.2, 3.0, 3.2]
H_A = [[10, 3, 17, 3.5, 1.7, 8], [0.05, 10, 17, 0.1, 8, 14], [3, 3.5, 1.7, 10, 17, 8], [17, 8, 0.05, 10, 0.1, 14]]
H_P = [[0.1312, 0.1696, 0.5569, 0.0124, 0.8283, 0.5886], [0.2329, 0.4135, 0.8307, 0.3736, 0.1004, 0.9991],
       [0.2348, 0.1451, 0.3522, 0.2883, 0.3047, 0.6650], [0.4047, 0.8828, 0.8732, 0.5743, 0.1091, 0.0381]]


def hartmann6(t):
    x = [t.suggest_float("x%d" % i, 0, 1) for i in range(6)]
    total = 0.0
    for k in range(4):
        inner = sum(H_A[k][j] * (x[j] - H_P[k][j]) ** 2 for j in range(6))
        total += H_ALPHA[k] * math.exp(-inner)
    return -total


def rosenbrock10(t):
    x = [t.suggest_float("x%d" % i, -5, 10) for i in range(10)]
    return sum(100 * (x[i + 1] - x[i] ** 2) ** 2 + (1 - x[i]) ** 2 for i in range(9))


def styblinski5(t):
    s = 0.0
    for i in range(5):
        x = t.suggest_float("x%d" % i, -5, 5)
        s += x ** 4 - 16 * x * x + 5 * x
    return s / 2


OPTIMIZERS = ["sgd", "adam", "adamw", "rmsprop"]
PENALTY = [1.0, 0.3, 0.0, 0.6]


def mixed(t):
    dropout = t.suggest_float("dropout", 0, 0.8)
    layers = t.suggest_int("layers", 1, 20)
    lr = t.suggest_float("lr", 1e-5, 1, log=True)
    opt = t.suggest_categorical("optimizer", OPTIMIZERS)
    return ((dropout - 0.3) ** 2 * 4 + (layers - 7) ** 2 / 10.0 + (math.log10(lr) + 3) ** 2 / 4
            + PENALTY[OPTIMIZERS.index(opt)])


FUNCTIONS = [("branin", branin), ("hartmann6", hartmann6), ("rosenbrock10", rosenbrock10),
             ("styblinski5", styblinski5), ("mixed", mixed)]


def patch_logpdf_fix():
    """Applies Optuna's own fix of issue #5109 (PR #5110) to 3.1's vendored truncnorm.logpdf,
    which leaves out -log(scale). netloom's Parzen estimator uses the fixed density."""
    from optuna.samplers._tpe import _truncnorm, parzen_estimator

    original = _truncnorm.logpdf

    def fixed(x, a, b, loc=0, scale=1):
        return original(x, a, b, loc, scale) - np.log(scale)

    parzen_estimator.truncnorm.logpdf = fixed


def quality(name, make, seeds, trials):
    for fname, f in FUNCTIONS:
        best = []
        for s in range(seeds):
            study = optuna.create_study(sampler=make(s))
            study.optimize(f, n_trials=trials)
            best.append(study.best_value)
        q1, med, q3 = np.percentile(best, [25, 50, 75])
        print("quality,optuna,%s,%s,%d,%.6g,%.6g,%.6g" % (name, fname, seeds, med, q1, q3), flush=True)


def measure(finished, repeats):
    study = optuna.create_study(sampler=optuna.samplers.TPESampler(seed=1))
    rng = np.random.RandomState(7)
    dist = optuna.distributions.FloatDistribution(0, 1)
    trials = []
    for _ in range(finished):
        params = {"x%d" % p: float(rng.rand()) for p in range(6)}
        value = sum((v - 0.3) ** 2 for v in params.values())
        trials.append(optuna.trial.create_trial(params=params, distributions={k: dist for k in params}, value=value))
    study.add_trials(trials)
    # Best of five blocks, as in BenchMain: the machine is shared.
    best = float("inf")
    for _ in range(5):
        start = time.perf_counter()
        for _ in range(repeats):
            t = study.ask()
            for p in range(6):
                t.suggest_float("x%d" % p, 0, 1)
            study.tell(t, state=optuna.trial.TrialState.FAIL)
        best = min(best, (time.perf_counter() - start) * 1000 / repeats)
    return best


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--seeds", type=int, default=30)
    ap.add_argument("--trials", type=int, default=100)
    ap.add_argument("--speed-only", action="store_true")
    ap.add_argument("--quality-only", action="store_true")
    ap.add_argument("--with-logpdf-fix", action="store_true",
                    help="also run Optuna 3.1 TPE with the truncnorm.logpdf fix of PR #5110 (sampler tpe-fixed)")
    a = ap.parse_args()
    if not a.speed_only:
        quality("tpe", lambda s: optuna.samplers.TPESampler(seed=s), a.seeds, a.trials)
        quality("random", lambda s: optuna.samplers.RandomSampler(seed=s), a.seeds, a.trials)
        if a.with_logpdf_fix:
            patch_logpdf_fix()
            quality("tpe-fixed", lambda s: optuna.samplers.TPESampler(seed=s), a.seeds, a.trials)
    if not a.quality_only:
        for n in (100, 500, 1000):
            print("speed,optuna,tpe,%d,%.4f" % (n, measure(n, 5)), flush=True)


if __name__ == "__main__":
    main()
