#!/usr/bin/env bash
# Small-budget benchmark (issue 21): netloom's GP sampler against netloom's TPE, Optuna 3.1's TPE
# (Debian python3-optuna, run here in the same script) and random search, on Hartmann-6, Branin,
# Ackley-5D and a mixed integer/log space; then the time of one GP suggestion at 25, 50 and 100
# trials. Prints the machine, the peers' versions and one table.
#
#   hpo/bench/gp.sh                  # 30 seeds x 30 trials
#   hpo/bench/gp.sh --seeds 10       # quicker
#
# Raw CSV lines are kept in hpo/target/bench/.
set -euo pipefail
source "$(dirname "$0")/setup.sh"

echo "machine: $(lscpu | sed -n 's/^Model name: *//p'), $(nproc) cores, load $(cut -d' ' -f1-3 /proc/loadavg)"
echo "java: $(java -version 2>&1 | sed -n 1p); optuna: $(/usr/bin/python3 -c 'import optuna; print(optuna.__version__)')"
START=$(date +%s)
echo "bench: netloom (java) ..." >&2
java -cp "$CP" dev.netloom.hpo.bench.GpBenchMain "$@" > "$OUT/gp-java.csv"
echo "bench: optuna (python) ..." >&2
(cd hpo/bench && /usr/bin/python3 gp_optuna.py "$@") > "$OUT/gp-optuna.csv"
echo "wall time: $(( $(date +%s) - START )) s; load at the end $(cut -d' ' -f1-3 /proc/loadavg)"
echo
/usr/bin/python3 hpo/bench/gp_table.py "$OUT/gp-java.csv" "$OUT/gp-optuna.csv"
