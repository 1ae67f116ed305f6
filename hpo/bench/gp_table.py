#!/usr/bin/python3
"""Prints the table of hpo/bench/gp.sh from the run lines of both halves: the median [Q1, Q3] of
the best value per sampler, and the two-sided Mann-Whitney U p-value of GP against each other
sampler (normal approximation with tie correction and continuity correction, as SciPy's
method="asymptotic")."""
import collections
import math
import sys

runs = collections.defaultdict(list)
timing = []
for path in sys.argv[1:]:
    for line in open(path):
        f = line.strip().split(",")
        if f[0] == "run":
            runs[(f[3], f[1] + "-" + f[2])].append(float(f[5]))
        elif f[0] == "gptime":
            timing.append((int(f[2]), int(f[3]), float(f[4]), float(f[5])))


def percentile(v, q):
    s = sorted(v)
    r = q * (len(s) - 1)
    lo, hi = math.floor(r), math.ceil(r)
    return s[lo] + (s[hi] - s[lo]) * (r - lo)


def mann_whitney_p(a, b):
    both = sorted([(v, 0) for v in a] + [(v, 1) for v in b])
    ranks = [0.0] * len(both)
    ties = 0.0
    i = 0
    while i < len(both):
        j = i
        while j + 1 < len(both) and both[j + 1][0] == both[i][0]:
            j += 1
        for k in range(i, j + 1):
            ranks[k] = (i + j) / 2 + 1
        t = j - i + 1
        ties += t ** 3 - t
        i = j + 1
    n1, n2 = len(a), len(b)
    r1 = sum(r for r, (_, g) in zip(ranks, both) if g == 0)
    u = r1 - n1 * (n1 + 1) / 2
    mu = n1 * n2 / 2
    n = n1 + n2
    sigma = math.sqrt(n1 * n2 / 12 * ((n + 1) - ties / (n * (n - 1))))
    if sigma == 0:
        return 1.0
    z = (abs(u - mu) - 0.5) / sigma
    return max(0.0, min(1.0, math.erfc(max(z, 0) / math.sqrt(2))))


samplers = ["java-gp", "java-tpe", "optuna-tpe", "java-random"]
names = {"java-gp": "netloom GP", "java-tpe": "netloom TPE", "optuna-tpe": "Optuna 3.1 TPE",
         "java-random": "netloom random"}
functions = []
for (fn, _) in runs:
    if fn not in functions:
        functions.append(fn)
seeds = {len(v) for v in runs.values()}
print("Best value after the trials, median [Q1, Q3] over %s seeds; lower is better; p: two-sided Mann-Whitney U, "
      "GP against that column" % "/".join(str(s) for s in sorted(seeds)))
print()
print("| function | " + " | ".join(names[s] for s in samplers) + " |")
print("|---|" + "---|" * len(samplers))
for fn in functions:
    cells = []
    gp = runs.get((fn, "java-gp"))
    for s in samplers:
        v = runs.get((fn, s))
        if not v:
            cells.append("-")
            continue
        cell = "%.4g [%.4g, %.4g]" % (percentile(v, 0.5), percentile(v, 0.25), percentile(v, 0.75))
        if s != "java-gp" and gp:
            cell += " (p = %.2g)" % mann_whitney_p(gp, v)
        cells.append(cell)
    print("| %s | %s |" % (fn, " | ".join(cells)))
if timing:
    print()
    print("GP suggestion (model fit + acquisition search) after N complete trials of Hartmann-6, best of 5:")
    print()
    print("| N | parameters | fit + acquisition (ms) | fit only (ms) |")
    print("|---|---|---|---|")
    for n, p, total, fit in timing:
        print("| %d | %d | %.0f | %.0f |" % (n, p, total, fit))
