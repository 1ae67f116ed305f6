#!/usr/bin/env bash
# Does the engine compute the same step twice the same way? The harnesses that found the demo's drift
# (issue 26; docs/recipes.md, "Never give DJL a Java number"):
#   repeat:   the demo's forward + backward repeated on fixed weights over the same batches, every
#             weight's gradient compared bit for bit with the first pass (GradientRepeat); with
#             --gc-between true a garbage collection falls between forward and backward on every
#             pass after the first (before the fix every such step differed; after it, none).
#   lockstep: two copies of the demo's model trained side by side in one process through the real
#             training step, losses and weights compared after every step (LockstepTraining).
# Prints the CPU, the load and the harness's own lines (steps that differed, and in which weights).
#
#   bench/gradient-repeat.sh repeat [--steps 2000] [--batches 20] [--gc-between true]
#   bench/gradient-repeat.sh lockstep [--steps 750]
set -euo pipefail
cd "$(dirname "$0")/.."
mode=${1:-repeat}; shift || true
case "$mode" in repeat) main=dev.netloom.train.GradientRepeat;; lockstep) main=dev.netloom.train.LockstepTraining;;
  *) echo "unknown mode $mode (repeat or lockstep)"; exit 2;; esac
mvn -q -B -o test-compile dependency:build-classpath -Dmdep.outputFile=target/bench.classpath -pl training-engine -am >/dev/null
cp="training-engine/target/test-classes:training-engine/target/classes:model-graph/target/classes:resources/target/classes:$(cat training-engine/target/bench.classpath)"
echo "CPU: $(lscpu | sed -n 's/^Model name: *//p'), $(nproc) cores; $(grep -o -w 'avx512f\|avx2' /proc/cpuinfo | sort -u | tr '\n' ' ')"
echo "Load before: $(cut -d' ' -f1-3 /proc/loadavg)"
# As the launcher runs training: passive OpenMP waits, MKL's strict reproducibility mode.
OMP_WAIT_POLICY=PASSIVE MKL_CBWR=AUTO,STRICT java -Dai.djl.offline=true -cp "$cp" "$main" "$@" 2>&1 | grep -v '^SLF4J'
echo "Load after: $(cut -d' ' -f1-3 /proc/loadavg)"
