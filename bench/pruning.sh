#!/usr/bin/env bash
# Does pruning pay? The same search twice on a real training objective — the small-cnn template on
# Fashion-MNIST, learning rate and width searched, short trials — once with ASHA pruning and once
# without, the same sampler seed and trial budget. Prints the best validation accuracy each found
# and the wall time each took (target, issue 4: ASHA finds an equal or better model, faster).
#
#   bench/pruning.sh [--trials 12] [--epochs 3]
# Needs: apt-get install dataset-fashion-mnist
set -euo pipefail
cd "$(dirname "$0")/.."
trials=12; epochs=3
while [ $# -gt 0 ]; do case "$1" in --trials) trials=$2; shift 2;; --epochs) epochs=$2; shift 2;;
  *) echo "unknown $1"; exit 2;; esac; done
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
# Build first, then time only the runs: no rebuild mid-benchmark even if the sources change.
./netloom --version > /dev/null
export NETLOOM_SKIP_BUILD=1
./netloom new --template small-cnn "$work/cnn.netloom" > /dev/null
python3 - "$work/cnn.netloom" <<'PY'
import json, sys
p = sys.argv[1]
d = json.load(open(p))
d["search"] = {"parameters": [
    {"target": "training.learningRate", "kind": "float", "low": 0.0002, "high": 0.02, "log": True},
    {"target": "node:conv3.filters", "kind": "int", "low": 32, "high": 128, "step": 1, "log": True}]}
d["training"].pop("augmentation", None)
json.dump(d, open(p, "w"), indent=2)
PY
for pruner in asha none; do
  start=$(date +%s)
  ./netloom tune "$work/cnn.netloom" --trials "$trials" --epochs "$epochs" --pruner "$pruner" --out "$work/$pruner" \
    > "$work/$pruner.log" 2>&1 || { cat "$work/$pruner.log"; exit 1; }
  best=$(grep -A1 '^Best trial' "$work/$pruner.log" | tail -1 | sed -E 's/.*validation accuracy ([0-9.]+)%.*/\1/')
  pruned=$(grep -cE '^ +[0-9]+  PRUNED' "$work/$pruner.log" || true)
  echo "$pruner $best $(( $(date +%s) - start )) $pruned" >> "$work/results"
done
echo "Small CNN on Fashion-MNIST, $trials trials of $epochs epochs, TPE seed 42"
printf '%-7s %15s %9s %8s\n' pruner "best val acc" seconds pruned
while read -r name acc secs pruned; do printf '%-7s %14s%% %9s %8s\n' "$name" "$acc" "$secs" "$pruned"; done < "$work/results"
