#!/usr/bin/python3
"""Prints the side-by-side table of hpo/bench/run.sh from the CSV lines of both halves."""
import sys

rows = {}
speed = {}
seeds = {}
for path in sys.argv[1:]:
    for line in open(path):
        f = line.strip().split(",")
        if f[0] == "quality":
            rows[(f[3], f[1], f[2])] = (float(f[5]), float(f[6]), float(f[7]))
            seeds[f[1]] = f[4]
        elif f[0] == "speed":
            speed[(int(f[3]), f[1])] = float(f[4])

functions = []
for (fn, _, _) in rows:
    if fn not in functions:
        functions.append(fn)


def cell(key):
    if key not in rows:
        return "%-26s" % "-"
    med, q1, q3 = rows[key]
    return "%-26s" % ("%.4g [%.4g, %.4g]" % (med, q1, q3))


if rows:
    print("Best value after the trials, median [Q1, Q3] over seeds (java: %s seeds, optuna: %s seeds); lower is better"
          % (seeds.get("java", "-"), seeds.get("optuna", "-")))
    fixed = any(k[2] == "tpe-fixed" for k in rows)
    header = ["netloom TPE", "Optuna 3.1 TPE"] + (["Optuna 3.1 TPE + #5110"] if fixed else []) \
        + ["netloom random", "Optuna random"]
    keys = [("java", "tpe"), ("optuna", "tpe")] + ([("optuna", "tpe-fixed")] if fixed else []) \
        + [("java", "random"), ("optuna", "random")]
    print("%-13s %s" % ("function", " ".join("%-26s" % h for h in header)))
    for fn in functions:
        print("%-13s %s" % (fn, " ".join(cell((fn,) + k) for k in keys)))
if speed:
    print()
    print("Time per trial (ask + 6 float suggestions), TPE, after N finished trials; best of 5 blocks")
    print("%-10s %-14s %-16s %s" % ("N", "netloom (ms)", "Optuna 3.1 (ms)", "speed-up"))
    for n in sorted({k[0] for k in speed}):
        j = speed.get((n, "java"))
        o = speed.get((n, "optuna"))
        print("%-10d %-14s %-16s %s" % (n, "%.3f" % j if j else "-", "%.1f" % o if o else "-",
                                        "%.0fx" % (o / j) if j and o else "-"))
