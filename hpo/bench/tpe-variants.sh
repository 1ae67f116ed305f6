#!/usr/bin/env bash
# The Ackley-5D gap (issue 21): netloom TPE with the Optuna 4 defaults against Optuna 5's
# (multivariate, constant liar), other prior weights and no magic clip, on the small-budget
# functions of gp.sh; Mann-Whitney p against the first. Java only (Optuna's side is in gp.sh/run.sh).
#
#   hpo/bench/tpe-variants.sh [--seeds 30] [--trials 100]
set -euo pipefail
source "$(dirname "$0")/setup.sh"
echo "machine: $(lscpu | sed -n 's/^Model name: *//p'), $(nproc) cores, load $(cut -d' ' -f1-3 /proc/loadavg)"
echo "java: $(java -version 2>&1 | sed -n 1p)"
START=$(date +%s)
java -cp "$CP" dev.netloom.hpo.bench.TpeVariantsMain "$@"
echo "wall time: $(( $(date +%s) - START )) s; load at the end $(cut -d' ' -f1-3 /proc/loadavg)"
