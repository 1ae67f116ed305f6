#!/usr/bin/env bash
# Training throughput and peak memory, Netloom beside PyTorch, from one run:
# the same models (MLP 784-256-128-10 and the small-cnn template), the same Fashion-MNIST data
# (Debian's dataset-fashion-mnist), batch 64, Adam, 1 and 2 threads. Prints a table of median
# steps per second and the ratio (Netloom / PyTorch; the target is >= 1.0).
#
#   bench/training-throughput.sh [--steps 200] [--repeats 5]
# Needs: apt-get install python3-torch dataset-fashion-mnist
set -euo pipefail
cd "$(dirname "$0")/.."
steps=200; repeats=5
while [ $# -gt 0 ]; do case "$1" in --steps) steps=$2; shift 2;; --repeats) repeats=$2; shift 2;; *) echo "unknown $1"; exit 2;; esac; done
data=/usr/share/datasets/fashion-mnist
[ -f "$data/train-images-idx3-ubyte.gz" ] || { echo "needs Debian's dataset-fashion-mnist" >&2; exit 2; }
/usr/bin/python3 -c 'import torch' 2>/dev/null || { echo "needs Debian's python3-torch" >&2; exit 2; }

mvn -q -B -o test-compile dependency:build-classpath -Dmdep.outputFile=target/bench.classpath -pl training-engine -am >/dev/null
cp="training-engine/target/test-classes:training-engine/target/classes:model-graph/target/classes:resources/target/classes:$(cat training-engine/target/bench.classpath)"
out=$(mktemp)
# Both sides: OpenMP threads sleep while they wait (the launcher's setting), so that a busy shared
# machine does not turn spinning threads into a 5-20x slowdown for either.
export OMP_WAIT_POLICY="${OMP_WAIT_POLICY:-PASSIVE}"
for model in mlp cnn; do
  for threads in 1 2; do
    java -Dai.djl.offline=true -cp "$cp" dev.netloom.train.bench.TrainingThroughput --model $model --threads $threads \
      --steps "$steps" --repeats "$repeats" --data "$data" | tail -1 >> "$out"
    # numpy's OpenBLAS settings are not PyTorch's concern; unset them for the peer only (env README).
    env -u OPENBLAS_CORETYPE -u OPENBLAS_L2_SIZE /usr/bin/python3 bench/pytorch_training.py --model $model \
      --threads $threads --steps "$steps" --repeats "$repeats" --data "$data" | tail -1 >> "$out"
  done
done
/usr/bin/python3 - "$out" <<'PY'
import json, sys
rows = [json.loads(l) for l in open(sys.argv[1])]
print(f"{'model':6} {'threads':>7}  {'Netloom steps/s':>15} {'PyTorch steps/s':>15} {'ratio':>6}  "
      f"{'per CPU-s: Netloom':>18} {'PyTorch':>8} {'ratio':>6}  {'Netloom RSS':>11} {'PyTorch RSS':>11}")
for i in range(0, len(rows), 2):
    n, p = rows[i], rows[i + 1]
    cpu = (f"{n['stepsPerCpuSecond']:>18.1f} {p['stepsPerCpuSecond']:>8.1f} "
           f"{n['stepsPerCpuSecond'] / p['stepsPerCpuSecond']:>6.2f}") if n['threads'] == 1 else f"{'-':>18} {'-':>8} {'-':>6}"
    print(f"{n['model']:6} {n['threads']:>7}  {n['stepsPerSecond']:>15.1f} {p['stepsPerSecond']:>15.1f} "
          f"{n['stepsPerSecond'] / p['stepsPerSecond']:>6.2f}  {cpu}  {n['peakRssMiB']:>8.0f} MiB {p['peakRssMiB']:>8.0f} MiB")
print(f"({rows[0]['peer']} vs {rows[1]['peer']}; batch {rows[0]['batch']}, Adam; medians of the timed epochs."
      " Steps per CPU-second count only the training thread's CPU time, which on one thread is all the work;"
      " it stays comparable when the shared machine is busy.)")
PY
rm -f "$out"
