#!/usr/bin/python3
"""The Optuna half of hpo/bench/gp.sh: Optuna's default TPE on the same functions as GpBenchMain,
one CSV line per study: run,optuna,tpe,<function>,<seed>,<best>,<seconds>."""
import argparse
import math
import time

import optuna

from optuna_bench import branin, hartmann6

optuna.logging.set_verbosity(optuna.logging.ERROR)


def ackley5(t):
    xs = [t.suggest_float("x%d" % i, -32.768, 32.768) for i in range(5)]
    sq = sum(x * x for x in xs)
    cs = sum(math.cos(2 * math.pi * x) for x in xs)
    return -20 * math.exp(-0.2 * math.sqrt(sq / 5)) - math.exp(cs / 5) + 20 + math.e


def mixed_int_log(t):
    lr = t.suggest_float("lr", 1e-5, 1, log=True)
    width = t.suggest_int("width", 8, 1024, log=True)
    depth = t.suggest_int("depth", 1, 12)
    dropout = t.suggest_float("dropout", 0, 0.8)
    return ((math.log10(lr) + 3) ** 2 / 2 + math.log(width / 96.0) ** 2 / 2 + (depth - 4) ** 2 / 8.0
            + 4 * (dropout - 0.2) ** 2)


FUNCTIONS = [("hartmann6", hartmann6), ("branin", branin), ("ackley5", ackley5), ("mixed-int-log", mixed_int_log)]


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--seeds", type=int, default=30)
    ap.add_argument("--trials", type=int, default=30)
    a = ap.parse_args()
    for name, f in FUNCTIONS:
        for s in range(a.seeds):
            start = time.perf_counter()
            study = optuna.create_study(sampler=optuna.samplers.TPESampler(seed=s))
            study.optimize(f, n_trials=a.trials)
            print("run,optuna,tpe,%s,%d,%.8g,%.3f" % (name, s, study.best_value, time.perf_counter() - start),
                  flush=True)


if __name__ == "__main__":
    main()
