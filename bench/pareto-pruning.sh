#!/usr/bin/env bash
# Does pruning several objectives pay? The same two-objective search (validation accuracy against
# latency on a Raspberry Pi 5) with --pruner pareto and with --pruner none, the same sampler seed
# and budget: the image-text-qa template on generated Shapes QA, fusion.dim and conv2.filters
# searched. Prints, per seed and pruner, the training time (sum of the trials' wall times), the
# trials pruned, and the hypervolume of the final Pareto front (accuracy up, latency down;
# reference point: accuracy 0 and 1.1 x the slowest latency seen in either run of the seed), and the
# epochs trained (reports stored), which, unlike wall time, a loaded machine does not disturb.
# Target (issue 21): >= 30% of training time saved with the hypervolume within 2% of no pruning.
#
#   bench/pareto-pruning.sh [--trials 16] [--epochs 4] [--seeds "1 2"] [--examples 600]
set -euo pipefail
cd "$(dirname "$0")/.."
trials=16; epochs=4; seeds="1 2"; examples=600
while [ $# -gt 0 ]; do case "$1" in --trials) trials=$2; shift 2;; --epochs) epochs=$2; shift 2;;
  --seeds) seeds=$2; shift 2;; --examples) examples=$2; shift 2;; *) echo "unknown $1"; exit 2;; esac; done
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
./netloom --version > /dev/null
export NETLOOM_SKIP_BUILD=1
echo "machine: $(lscpu | sed -n 's/^Model name: *//p'), $(nproc) cores, load $(cut -d' ' -f1-3 /proc/loadavg)"
./netloom new --template image-text-qa "$work/qa.netloom" > /dev/null
python3 - "$work/qa.netloom" <<'PY'
import json, sys
p = sys.argv[1]
d = json.load(open(p))
d["search"] = {"parameters": [
    {"target": "node:fusion.dim", "kind": "int", "low": 16, "high": 128, "step": 1, "log": True},
    {"target": "node:conv2.filters", "kind": "int", "low": 8, "high": 96, "step": 1, "log": True}]}
json.dump(d, open(p, "w"), indent=2)
PY
for seed in $seeds; do
  for pruner in pareto none; do
    ./netloom tune "$work/qa.netloom" --trials "$trials" --epochs "$epochs" --pruner "$pruner" --seed "$seed" \
      --objective accuracy,latency --device raspberry-pi-5 --sampler tpe \
      --data "{\"source\": \"shapes-qa\", \"examples\": $examples}" \
      --out "$work/$seed-$pruner" > "$work/$seed-$pruner.log" 2>&1 || { cat "$work/$seed-$pruner.log"; exit 1; }
  done
done
/usr/bin/python3 - "$work" $seeds <<'PY'
import sqlite3, sys
work, seeds = sys.argv[1], sys.argv[2:]

def trials(path):
    c = sqlite3.connect(path)
    rows = c.execute("select trial_id, state, datetime_start, datetime_complete from hpo_trials").fetchall()
    out = []
    for tid, state, start, end in rows:
        vals = [v for (v,) in c.execute("select value from hpo_trial_values where trial_id=? order by objective", (tid,))]
        secs = (end - start) / 1000.0 if start and end else 0.0  # epoch milliseconds
        (epochs,) = c.execute("select count(*) from hpo_trial_intermediate where trial_id=?", (tid,)).fetchone()
        out.append((state, vals, secs, epochs))
    return out

def front(points):
    return [p for p in points if not any(q[0] >= p[0] and q[1] <= p[1] and q != p for q in points)]

def hypervolume(points, ref_latency):
    # accuracy up from 0, latency down to ref: the area dominated by the front
    pts = sorted(front(points), key=lambda p: p[1])  # by latency, ascending
    area, best_acc = 0.0, 0.0
    for i, (acc, lat) in enumerate(pts):
        nxt = pts[i + 1][1] if i + 1 < len(pts) else ref_latency
        best_acc = max(best_acc, acc)
        area += best_acc * (nxt - lat)
    return area

print("seed  pruner  trials  pruned  epochs  training s  hypervolume  (vs none: epochs, time, hypervolume)")
for seed in seeds:
    runs = {p: trials("%s/%s-%s/study.db" % (work, seed, p)) for p in ("pareto", "none")}
    lat = [t[1][1] for r in runs.values() for t in r if t[0] == "COMPLETE" and len(t[1]) == 2]
    ref = 1.1 * max(lat)
    res = {}
    for p, r in runs.items():
        pts = [(t[1][0], t[1][1]) for t in r if t[0] == "COMPLETE" and len(t[1]) == 2]
        res[p] = (len(r), sum(1 for t in r if t[0] == "PRUNED"), sum(t[2] for t in r), hypervolume(pts, ref),
                  sum(t[3] for t in r))
    for p in ("none", "pareto"):
        n, pr, secs, hv, ep = res[p]
        rel = "" if p == "none" else "  (%+.0f%% epochs, %+.0f%% time, %+.1f%% hypervolume)" % (
            100 * (ep / res["none"][4] - 1), 100 * (secs / res["none"][2] - 1), 100 * (hv / res["none"][3] - 1))
        print("%4s  %-6s  %6d  %6d  %6d  %10.1f  %11.5f%s" % (seed, p, n, pr, ep, secs, hv, rel))
PY
