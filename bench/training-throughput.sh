#!/usr/bin/env bash
# Training throughput and memory, Netloom beside PyTorch, from one run: the same models (MLP
# 784-256-128-10 and the small-cnn template), the same Fashion-MNIST data (Debian's
# dataset-fashion-mnist), batch 64, Adam, 1 and 2 threads, the two sides interleaved so that both
# see the same machine load. Prints the CPU, the load average, both sides' versions and the BLAS
# PyTorch really loaded, then per configuration: median steps per wall second, per CPU-second of
# the training thread (1 thread: all the work, whatever else the machine runs) and of the whole
# process, the time per step by phase for both sides, and resident memory. Last, each Netloom
# speed-up measured by switching all of them off in the same run (before/after).
#
#   bench/training-throughput.sh [--steps 200] [--repeats 5] [--no-levers]
# Needs: apt-get install python3-torch dataset-fashion-mnist (and, to run PyTorch at its best,
# libopenblas0-pthread: then the peer runs on OpenBLAS through LD_LIBRARY_PATH, this command only).
set -euo pipefail
cd "$(dirname "$0")/.."
steps=200; repeats=5; levers=1
while [ $# -gt 0 ]; do case "$1" in --steps) steps=$2; shift 2;; --repeats) repeats=$2; shift 2;;
  --no-levers) levers=0; shift;; *) echo "unknown $1"; exit 2;; esac; done
data=/usr/share/datasets/fashion-mnist
[ -f "$data/train-images-idx3-ubyte.gz" ] || { echo "needs Debian's dataset-fashion-mnist" >&2; exit 2; }
/usr/bin/python3 -c 'import torch' 2>/dev/null || { echo "needs Debian's python3-torch" >&2; exit 2; }

mvn -q -B -o test-compile dependency:build-classpath -Dmdep.outputFile=target/bench.classpath -pl training-engine -am >/dev/null
cp="training-engine/target/test-classes:training-engine/target/classes:model-graph/target/classes:resources/target/classes:$(cat training-engine/target/bench.classpath)"
out=$(mktemp)
trap 'rm -f "$out"' EXIT
# Both sides: OpenMP threads sleep while they wait (the launcher's setting), so that a busy shared
# machine does not turn spinning threads into a 5-20x slowdown for either. MKL in its reproducible
# mode, as the launcher runs training.
export OMP_WAIT_POLICY="${OMP_WAIT_POLICY:-PASSIVE}" MKL_CBWR="${MKL_CBWR:-AUTO,STRICT}"
# Debian's python3-torch calls whatever libblas.so.3 the system points at (the reference BLAS unless
# an optimised one is installed): the peer gets OpenBLAS when it is there, as a user would have it.
openblas=/usr/lib/x86_64-linux-gnu/openblas-pthread
peer_env=(env -u OPENBLAS_CORETYPE -u OPENBLAS_L2_SIZE)
[ -f "$openblas/libblas.so.3" ] && peer_env+=("LD_LIBRARY_PATH=$openblas")

netloom() { # model threads [levers-off]
  java -Dai.djl.offline=true ${3:+-Dnetloom.train.off=$3} -cp "$cp" dev.netloom.train.bench.TrainingThroughput \
    --model "$1" --threads "$2" --steps "$steps" --repeats "$repeats" --data "$data" 2> >(grep -v '^SLF4J' >&2) | tail -1
}
peer() { # model threads
  "${peer_env[@]}" OPENBLAS_NUM_THREADS="$2" /usr/bin/python3 bench/pytorch_training.py --model "$1" \
    --threads "$2" --steps "$steps" --repeats "$repeats" --data "$data" | tail -1
}
load_before=$(cut -d' ' -f1-3 /proc/loadavg)
for model in mlp cnn; do
  for threads in 1 2; do
    echo "{\"row\": \"main\", \"side\": \"netloom\", \"load\": \"$(cut -d' ' -f1 /proc/loadavg)\", \"result\": $(netloom $model $threads)}" >> "$out"
    echo "{\"row\": \"main\", \"side\": \"pytorch\", \"load\": \"$(cut -d' ' -f1 /proc/loadavg)\", \"result\": $(peer $model $threads)}" >> "$out"
  done
  if [ "$levers" = 1 ]; then
    echo "{\"row\": \"levers-off\", \"side\": \"netloom\", \"load\": \"$(cut -d' ' -f1 /proc/loadavg)\", \"result\": $(netloom $model 1 fusedAdam,fusedLoss,batchBuffers)}" >> "$out"
    echo "{\"row\": \"levers-on\", \"side\": \"netloom\", \"load\": \"$(cut -d' ' -f1 /proc/loadavg)\", \"result\": $(netloom $model 1)}" >> "$out"
  fi
done
/usr/bin/python3 - "$out" "$load_before" "$steps" "$repeats" <<'PY'
import json, platform, subprocess, sys
rows = [json.loads(l) for l in open(sys.argv[1])]
cpu = next((l.split(":", 1)[1].strip() for l in open("/proc/cpuinfo") if l.startswith("model name")), "?")
flags = next((l.split(":", 1)[1].split() for l in open("/proc/cpuinfo") if l.startswith("flags")), [])
simd = " ".join(f for f in flags if f.startswith(("avx", "fma", "sse4_2", "amx")))
cores = subprocess.run(["nproc"], capture_output=True, text=True).stdout.strip()
main = [r for r in rows if r["row"] == "main"]
n0, p0 = main[0]["result"], main[1]["result"]
print(f"CPU: {cpu}, {cores} cores; SIMD flags: {simd}")
print(f"load average (1, 5, 15 min) before: {sys.argv[2]}; after: {open('/proc/loadavg').read().split()[:3]}")
print(f"{n0['peer']} vs {p0['peer']}; PyTorch's BLAS: {p0['blas']}")
print(f"batch {n0['batch']}, Adam, {sys.argv[3]} steps x {sys.argv[4]} timed epochs after one warm-up; medians\n")
print(f"{'model':6} {'thr':>3} {'load':>5} | {'steps/s: Netloom':>16} {'PyTorch':>8} {'ratio':>5} | "
      f"{'per thread CPU-s':>16} {'PyTorch':>8} {'ratio':>5} | {'per process CPU-s':>17} {'PyTorch':>8} {'ratio':>5} | "
      f"{'peak RSS MiB':>12} {'PyTorch':>8}")
for i in range(0, len(main), 2):
    n, p = main[i]["result"], main[i + 1]["result"]
    def trio(key):
        return f"{n[key]:>8.1f} {p[key]:>8.1f} {n[key] / p[key]:>5.2f}"
    thread_cpu = trio('stepsPerCpuSecond') if n['threads'] == 1 else f"{'-':>8} {'-':>8} {'-':>5}"
    print(f"{n['model']:6} {n['threads']:>3} {main[i]['load']:>5} | {'':>7}{trio('stepsPerSecond')} | "
          f"{'':>7}{thread_cpu} | "
          f"{'':>8}{trio('stepsPerProcessCpuSecond')} | {n['peakRssMiB']:>12.0f} {p['peakRssMiB']:>8.0f}")
print("\nms per step by phase (1 thread: the training thread's CPU clock; 2 threads: the wall clock), "
      "engine arrays made per step")
phases = list(n0["phases"])
print(f"{'model':6} {'thr':>3} {'side':8} | " + " ".join(f"{k:>9}" for k in phases) + f" | {'total':>7} {'arrays':>6}")
for r in main:
    d = r["result"]
    side = "Netloom" if r["side"] == "netloom" else "PyTorch"
    arrays = f"{d['arraysPerStep']:>6.0f}" if "arraysPerStep" in d else f"{'':>6}"
    print(f"{d['model']:6} {d['threads']:>3} {side:8} | " + " ".join(f"{d['phases'][k]:>9.3f}" for k in phases)
          + f" | {sum(d['phases'].values()):>7.3f} {arrays}")
print("\nMemory by phase, MiB resident: engine loaded (JVM + libtorch / Python + torch), data read, "
      "after the first step, after the timed epochs, peak (Netloom's peak while loading in brackets)")
for r in main:
    d = r["result"]
    side = "Netloom" if r["side"] == "netloom" else "PyTorch"
    loading = f"({d['peakLoadingMiB']:.0f})" if "peakLoadingMiB" in d else ""
    print(f"{d['model']:6} {d['threads']:>3} {side:8} | {d['rssEngineMiB']:>6.0f} {d['rssAfterDataMiB']:>6.0f} "
          f"{d['rssFirstStepMiB']:>6.0f} {d['rssSteadyMiB']:>6.0f} {d['peakRssMiB']:>6.0f} {loading}")
levers = [r for r in rows if r["row"].startswith("levers")]
if levers:
    print("\nNetloom's speed-ups, 1 thread, same run: all off (fused Adam, fused loss, batch buffers) vs on")
    print(f"{'model':6} {'':4} {'load':>5} | {'steps/thread CPU-s':>18} {'steps/s':>8} | "
          + " ".join(f"{k:>9}" for k in phases) + f" | {'arrays':>6}")
    for r in levers:
        d = r["result"]
        print(f"{d['model']:6} {r['row'][7:]:4} {r['load']:>5} | {d['stepsPerCpuSecond']:>18.1f} {d['stepsPerSecond']:>8.1f} | "
              + " ".join(f"{d['phases'][k]:>9.3f}" for k in phases) + f" | {d['arraysPerStep']:>6.0f}")
print("\nratio = Netloom / PyTorch (target >= 1.0). Per CPU-second figures stay comparable when the shared "
      "machine is busy; the process figure also counts the JVM's compiler and GC threads, and the engine's workers.")
PY
