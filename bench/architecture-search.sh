#!/usr/bin/env bash
# Does searching structure pay? Two studies with the same budget (trials, epochs, examples, sampler,
# seed) on Fashion-MNIST, both with two objectives: validation accuracy up and the estimated latency
# on a Raspberry Pi 5 down (device-profiles' estimator):
#   depth + block choice: each of two residual stages chooses its repeat count (0 = skipped, to 3) and
#                         its block (3x3 or 5x5 convolutions);
#   width only:           the same network with one block per stage and the 3x3 block; the stages'
#                         inner widths are searched (what the search could change before blocks).
# Prints the machine, the size (reduced from the full 60,000 + 10,000 pictures to fit a 2-core
# machine, and said so), both Pareto fronts and their hypervolumes against one reference point.
#
#   bench/architecture-search.sh [--trials 8] [--epochs 2] [--examples 6000] [--test 1000] [--seed 1]
# One run here (2-core AMD EPYC, load 37, --trials 6 --epochs 1 --examples 3000 --test 500): depth +
# block choice front 64.67% at 0.326 ms, 66.67% at 0.852 ms (and the skip-everything 23.33% at 0.088 ms),
# hypervolume 0.4526; width only 62.00% at 0.343 ms, 63.67% at 0.584 ms, hypervolume 0.3752. Six trials
# are few: read it as "the search runs and the fronts differ", not as a ranking of the two.
# Needs: apt-get install dataset-fashion-mnist
set -euo pipefail
cd "$(dirname "$0")/.."
trials=8; epochs=2; examples=6000; test=1000; seed=1
while [ $# -gt 0 ]; do case "$1" in --trials) trials=$2; shift 2;; --epochs) epochs=$2; shift 2;;
  --examples) examples=$2; shift 2;; --test) test=$2; shift 2;; --seed) seed=$2; shift 2;;
  *) echo "unknown $1"; exit 2;; esac; done
src=/usr/share/datasets/fashion-mnist
[ -f "$src/train-images-idx3-ubyte.gz" ] || { echo "needs Fashion-MNIST: apt-get install dataset-fashion-mnist"; exit 2; }
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
./netloom --version > /dev/null
export NETLOOM_SKIP_BUILD=1
echo "machine: $(lscpu | sed -n 's/^Model name: *//p'), $(nproc) cores, load $(cut -d' ' -f1-3 /proc/loadavg)"
echo "netloom: $(./netloom --version | head -1); $(java -version 2>&1 | head -1)"
echo "REDUCED: the first $examples training and $test test pictures of Fashion-MNIST (of 60,000 + 10,000),"
echo "         $epochs epochs per trial, $trials trials per study, sampler seed $seed"
python3 - "$src" "$work" "$examples" "$test" <<'PY'
import gzip, struct, sys
src, work, n, m = sys.argv[1], sys.argv[2], int(sys.argv[3]), int(sys.argv[4])
def cut(name, count):
    with gzip.open("%s/%s.gz" % (src, name)) as f:
        data = f.read()
    magic, = struct.unpack(">I", data[:4])
    dims = magic & 0xff
    shape = list(struct.unpack(">" + "I" * dims, data[4:4 + 4 * dims]))
    per = 1
    for d in shape[1:]:
        per *= d
    count = min(count, shape[0])
    head = data[:4] + struct.pack(">I", count) + data[8:4 + 4 * dims]
    with gzip.open("%s/%s.gz" % (work, name), "wb") as f:
        f.write(head + data[4 + 4 * dims:4 + 4 * dims + count * per])
cut("train-images-idx3-ubyte", n); cut("train-labels-idx1-ubyte", n)
cut("t10k-images-idx3-ubyte", m); cut("t10k-labels-idx1-ubyte", m)
PY
python3 - "$work" <<'PY'
import json, sys
work = sys.argv[1]
def res(kernel):
    pad = kernel // 2
    conv = lambda i, f: {"id": i, "type": "Conv2d", "position": {"x": 0.0, "y": 0.0},
                         "params": {"filters": f, "kernel": kernel, "padding": pad, "bias": False}}
    n = [conv("c1", "$mid"), {"id": "bn1", "type": "BatchNorm"}, {"id": "act1", "type": "Activation"},
         conv("c2", "$width"), {"id": "bn2", "type": "BatchNorm"}, {"id": "add", "type": "Add"},
         {"id": "act2", "type": "Activation"}]
    for i, x in enumerate(n):
        x["position"] = {"x": 0.0, "y": 130.0 * i}
    return {"description": "a residual block of two %dx%d convolutions" % (kernel, kernel),
            "params": {"mid": 16, "width": 16}, "inputs": {"in": ["c1.in", "add.a"]}, "outputs": {"out": "act2.out"},
            "nodes": n, "edges": [{"from": "c1.out", "to": "bn1.in"}, {"from": "bn1.out", "to": "act1.in"},
                                  {"from": "act1.out", "to": "c2.in"}, {"from": "c2.out", "to": "bn2.in"},
                                  {"from": "bn2.out", "to": "add.b"}, {"from": "add.out", "to": "act2.in"}]}
nodes, edges = [], []
def add(i, t, src=None, **p):
    nodes.append({"id": i, "type": t, "position": {"x": 0.0, "y": 130.0 * len(nodes)}, "params": p})
    if src:
        edges.append({"from": src + ".out", "to": i + ".in"})
    return i
x = add("image", "Image", height=28, width=28, channels=1)
x = add("stem", "Conv2d", x, filters=16, kernel=3, padding=1)
x = add("stem_act", "Activation", x)
x = add("stage1", "Block", x, block="res3", repeat=1, mid=16, width=16)
x = add("pool1", "MaxPool2d", x, kernel=2, stride=2)
x = add("widen", "Conv2d", x, filters=32, kernel=1, padding=0)
x = add("stage2", "Block", x, block="res3", repeat=1, mid=32, width=32)
x = add("pool2", "MaxPool2d", x, kernel=2, stride=2)
x = add("gap", "GlobalAvgPool", x)
add("classes", "Classification", x, classes=10)
data = {"source": "idx", "images": "train-images-idx3-ubyte.gz", "labels": "train-labels-idx1-ubyte.gz",
        "testImages": "t10k-images-idx3-ubyte.gz", "testLabels": "t10k-labels-idx1-ubyte.gz",
        "classes": ["T-shirt/top", "Trouser", "Pullover", "Dress", "Coat", "Sandal", "Shirt", "Sneaker", "Bag",
                    "Ankle boot"], "name": "Fashion-MNIST (reduced)"}
training = {"optimizer": "adam", "learningRate": 0.002, "schedule": "cosine", "warmupEpochs": 0.5,
            "batchSize": 64, "gradientClip": 1.0, "threads": 2}
base = {"schemaVersion": 1, "name": "architecture search", "graph": {"nodes": nodes, "edges": edges},
        "blocks": {"res3": res(3), "res5": res(5)}, "data": data, "training": training}
depth = dict(base, search={"parameters": [
    {"target": "node:stage1.repeat", "kind": "int", "low": 0, "high": 3},
    {"target": "node:stage1.block", "kind": "choices", "choices": ["res3", "res5"]},
    {"target": "node:stage2.repeat", "kind": "int", "low": 0, "high": 3},
    {"target": "node:stage2.block", "kind": "choices", "choices": ["res3", "res5"]}]})
width = dict(base, search={"parameters": [
    {"target": "node:stage1.mid", "kind": "int", "low": 4, "high": 64, "log": True},
    {"target": "node:stage2.mid", "kind": "int", "low": 8, "high": 128, "log": True}]})
json.dump(depth, open(work + "/depth.netloom", "w"), indent=2)
json.dump(width, open(work + "/width.netloom", "w"), indent=2)
PY
for study in depth width; do
  ./netloom validate "$work/$study.netloom" > /dev/null
  start=$(date +%s)
  ./netloom tune "$work/$study.netloom" --trials "$trials" --epochs "$epochs" --seed "$seed" \
    --objective accuracy,latency --device raspberry-pi-5 --out "$work/$study" > "$work/$study.log" 2>&1 \
    || { cat "$work/$study.log"; exit 1; }
  echo "$study: $(( $(date +%s) - start )) s wall"
done
for study in depth width; do
  echo; echo "== $study: the Pareto set as netloom tune printed it"
  sed -n '/^Pareto set/,$p' "$work/$study.log" | grep -v '^ *model:'
done
python3 - "$work" <<'PY'
import sqlite3, sys
work = sys.argv[1]
def points(study):
    c = sqlite3.connect("%s/%s/study.db" % (work, study))
    out = []
    for tid, state in c.execute("select trial_id, state from hpo_trials order by trial_id"):
        vals = [v for (v,) in c.execute("select value from hpo_trial_values where trial_id=? order by objective", (tid,))]
        if state == "COMPLETE" and len(vals) == 2:
            out.append((vals[0], vals[1]))
    return out
def front(pts):
    return sorted({p for p in pts if not any(q[0] >= p[0] and q[1] <= p[1] and q != p for q in pts)}, key=lambda p: p[1])
def hypervolume(f, ref):
    area, prev = 0.0, 0.0
    for acc, lat in f:  # latency ascending: accuracy rises along a front
        if acc > prev:
            area += (ref - lat) * (acc - prev)
            prev = acc
    return area
runs = {s: points(s) for s in ("depth", "width")}
ref = 1.1 * max(p[1] for r in runs.values() for p in r)
print()
print("study                  complete  front  best accuracy  fastest ms  hypervolume (ref: accuracy 0, %.3f ms)" % ref)
for s, title in (("depth", "depth + block choice"), ("width", "width only")):
    f = front(runs[s])
    print("%-22s %8d  %5d  %12.2f%%  %10.3f  %.4f" % (title, len(runs[s]), len(f), 100 * max(p[0] for p in f),
                                                      min(p[1] for p in f), hypervolume(f, ref)))
PY
