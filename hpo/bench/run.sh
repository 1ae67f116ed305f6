#!/usr/bin/env bash
# Benchmarks netloom's TPE against Optuna 3.1 (Debian python3-optuna) and prints one table.
#
#   hpo/bench/run.sh                 # full: 100 trials x 30 seeds per function, and the speed test
#   hpo/bench/run.sh --seeds 5       # quick: fewer seeds
#   hpo/bench/run.sh --speed-only    # only time per suggestion at 100, 500, 1000 finished trials
#
# Other flags: --trials N, --quality-only, --with-logpdf-fix (adds Optuna 3.1 with the truncnorm.logpdf
# fix of Optuna PR #5110, the density netloom uses). Raw CSV lines are kept in hpo/target/bench/.
set -euo pipefail
source "$(dirname "$0")/setup.sh"

echo "bench: netloom (java) ..." >&2
JAVA_ARGS=()
for a in "$@"; do [ "$a" = --with-logpdf-fix ] || JAVA_ARGS+=("$a"); done
java -cp "$CP" dev.netloom.hpo.bench.BenchMain "${JAVA_ARGS[@]}" | tee "$OUT/java.csv" >&2
echo "bench: optuna (python) ..." >&2
/usr/bin/python3 hpo/bench/optuna_bench.py "$@" | tee "$OUT/optuna.csv" >&2
echo
/usr/bin/python3 hpo/bench/table.py "$OUT/java.csv" "$OUT/optuna.csv"
