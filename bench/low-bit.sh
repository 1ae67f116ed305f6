#!/usr/bin/env bash
# Low-bit models that keep their accuracy (issue 16): the small-cnn template on Fashion-MNIST (or
# NETLOOM_LOWBIT_TEMPLATE with NETLOOM_LOWBIT_DATA, e.g. image-text-moe on Shapes QA), test
# split, accuracy measured by running each exported model.onnx in ONNX Runtime ('netloom export'
# scores the bundle on the test split). Per precision two rows: rounding the FP32 model after
# training, and quantization-aware training (QAT: 'netloom train --start-from FP32 --quantize P',
# a short fine-tune) exported at the same precision; bundle sizes beside FP32. Each seed trains its
# own FP32 model; the table shows the median over seeds (and every seed's figure).
# Targets (issue 16), drop against FP32 with QAT: static INT8 <= 0.3, INT4 <= 0.3, 2-bit <= 1.5,
# 1-bit <= 3.0 points; the ternary model.onnx >= 90% smaller than FP32.
#
#   bench/low-bit.sh [--seeds "42 7 1"] [--fp32-epochs 15] [--epochs 3] [--model DIR] [--threads 2]
#                    [--device raspberry-pi-5]
# --model uses a trained FP32 small-cnn artifact (one seed) instead of training one (the template's
# 15 epochs take 5-10 minutes per seed on 2 quiet cores); --fp32-epochs shortens that training;
# --epochs is the QAT fine-tune's length.
# Needs: apt-get install dataset-fashion-mnist
set -euo pipefail
cd "$(dirname "$0")/.."
seeds="42"; epochs=3; fp32_epochs=15; model=""; threads=2; device=raspberry-pi-5; lr=0.001
while [ $# -gt 0 ]; do case "$1" in --seeds) seeds=$2; shift 2;; --epochs) epochs=$2; shift 2;;
  --model) model=$2; shift 2;; --fp32-epochs) fp32_epochs=$2; shift 2;; --threads) threads=$2; shift 2;; --device) device=$2; shift 2;;
  --learning-rate) lr=$2; shift 2;; *) echo "unknown $1"; exit 2;; esac; done
template="${NETLOOM_LOWBIT_TEMPLATE:-small-cnn}"   # e.g. image-text-moe with NETLOOM_LOWBIT_DATA='{"source": "shapes-qa", ...}'
if [ "$template" = small-cnn ] || [ -z "${NETLOOM_LOWBIT_DATA:-}" ]; then
  [ -f /usr/share/datasets/fashion-mnist/train-images-idx3-ubyte.gz ] || { echo "needs Debian's dataset-fashion-mnist" >&2; exit 2; }
fi
precisions="${NETLOOM_LOWBIT_PRECISIONS:-int8-static int4 int2 int1}"   # NETLOOM_LOWBIT_AUTO=0 skips the auto rows
qat_for=" ${NETLOOM_LOWBIT_QAT:-$precisions} "                              # the precisions fine-tuned (default: all)
data=(); [ -n "${NETLOOM_LOWBIT_DATA:-}" ] && data=(--data "$NETLOOM_LOWBIT_DATA")  # another data section, e.g. a smaller split

./netloom --version >/dev/null            # builds once if needed
export NETLOOM_SKIP_BUILD=1
work=$(mktemp -d); trap 'rm -rf "$work"' EXIT
./netloom new -t "$template" "$work/small-cnn.netloom" >/dev/null
echo "CPU: $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs), $(nproc) cores, load $(cut -d' ' -f1-3 /proc/loadavg)" >&2
rows="$work/rows.jsonl"
started=$(date +%s)

# One export: its manifest's accuracy, sizes and bits, as a JSON row.
record() { # seed kind precision artifact [extra export args...]
  local seed=$1 kind=$2 p=$3 artifact=$4; shift 4
  local out="$work/b-$seed-$kind-$p" log
  log=$(./netloom export "$artifact" --device "$device" --precision "$p" "$@" --threads 1 \
        --out "$out" --signing-key-dir "$work/keys")
  ./netloom verify --integrity-only "$out.zip" >/dev/null   # signed with a throwaway key
  local parity; parity=$(printf '%s\n' "$log" | sed -n 's/.*trained for .* by at most \([0-9.e+-]*\) on.*/\1/p')
  /usr/bin/python3 - "$out/manifest.json" "$seed" "$kind" "$p" "$out.zip" "${parity:-}" >> "$rows" <<'PY'
import json, os, sys
m = json.load(open(sys.argv[1])); a = m["accuracy"]
print(json.dumps({"seed": sys.argv[2], "kind": sys.argv[3], "precision": sys.argv[4],
                  "bits": m["precision"]["bitsPerWeight"], "model": m["sizes"]["modelBytes"],
                  "zip": os.path.getsize(sys.argv[5]), "accuracy": a["accuracy"], "fp32": a["fp32Accuracy"],
                  "parity": sys.argv[6]}))
PY
}

for seed in $seeds; do
  fp32="$model"
  if [ -z "$fp32" ]; then
    fp32="$work/fp32-$seed"
    ./netloom train "$work/small-cnn.netloom" "${data[@]}" --out "$fp32" --seed "$seed" --threads "$threads" \
      --epochs "$fp32_epochs" | grep -E "^Test" >&2
  fi
  record "$seed" fp32 fp32 "$fp32"
  for p in $precisions; do
    record "$seed" rounding "$p" "$fp32"
    case "$qat_for" in *" $p "*) ;; *) continue;; esac
    train_p=${p%-static}                  # static INT8 trains for INT8 weights; activations are calibrated at export
    ./netloom train "$work/small-cnn.netloom" "${data[@]}" --out "$work/qat-$seed-$p" --start-from "$fp32" --quantize "$train_p" \
      --epochs "$epochs" --learning-rate "$lr" --seed "$seed" --threads "$threads" | grep -E "^Test" >&2
    record "$seed" qat "$p" "$work/qat-$seed-$p"
  done
  if [ "${NETLOOM_LOWBIT_AUTO:-1}" = 1 ]; then   # the automatic plan's sensitivity analysis takes minutes
    record "$seed" rounding auto "$fp32" --max-drop 1
    if [ -d "$work/qat-$seed-int2" ]; then record "$seed" qat auto "$work/qat-$seed-int2" --max-drop 1; fi
  fi
done

/usr/bin/python3 - "$rows" "$epochs" "$lr" "$device" "$started" "${model:-$fp32_epochs}" "$template" "${NETLOOM_LOWBIT_DATA:-the template data}" <<'PY'
import json, statistics, sys, time
rows = [json.loads(l) for l in open(sys.argv[1])]
seeds = sorted({r["seed"] for r in rows})
fp32 = {r["seed"]: r for r in rows if r["precision"] == "fp32"}
targets = {"int8-static": 0.3, "int4": 0.3, "int2": 1.5, "int1": 3.0, "auto": 1.0}
names = {"int8-static": "static INT8", "int4": "INT4", "int2": "2-bit", "int1": "1-bit", "auto": "auto, --max-drop 1"}
def med(xs): return statistics.median(xs)
print(f"{'precision':20} {'':9} {'bits/w':>6} {'model.onnx':>10} {'vs FP32':>8} {'zip':>9} {'test acc':>8} {'drop':>6} {'target':>7}  per seed (drop)")
base = [fp32[s] for s in seeds]
print(f"{'FP32':20} {'':9} {32:6.2f} {med([b['model'] for b in base])/1024:8.1f}KB {'':>8} "
      f"{med([b['zip'] for b in base])/1024:7.1f}KB {med([b['accuracy'] for b in base])*100:7.2f}%")
order = [p for p in ["int8-static", "int4", "int2", "int1", "auto"] if any(r["precision"] == p for r in rows)]
for p in order:
    for kind in ["rounding", "qat"]:
        rs = [r for r in rows if r["precision"] == p and r["kind"] == kind]
        if not rs: continue
        drops = [(fp32[r["seed"]]["accuracy"] - r["accuracy"]) * 100 for r in rs]
        d = med(drops); t = targets.get(p)
        mark = "" if kind == "rounding" or t is None else ("ok" if d <= t else "MISSED")
        smaller = 1 - med([r["model"] for r in rs]) / med([b["model"] for b in base])
        label = "after training" if kind == "rounding" else "QAT"
        par = "" if kind == "rounding" or not rs[0]["parity"] else f"  parity {max(float(r['parity']) for r in rs):.1e}"
        print(f"{names[p]:20} {label:9} {med([r['bits'] for r in rs]):6.2f} {med([r['model'] for r in rs])/1024:8.1f}KB "
              f"{-smaller*100:7.1f}% {med([r['zip'] for r in rs])/1024:7.1f}KB {med([r['accuracy'] for r in rs])*100:7.2f}% "
              f"{d:6.2f} {('<=' + str(t) + ' ' + mark) if mark else '':>7}  "
              + ", ".join(f"{x:.2f}" for x in drops) + par)
fp32_how = (f"FP32 trained {sys.argv[6]} epochs" if sys.argv[6].isdigit() else f"FP32 model {sys.argv[6]}")
print(f"({sys.argv[7]}, data {sys.argv[8]}, test split; {fp32_how}; {len(seeds)} seed(s) {' '.join(seeds)}, medians; QAT = "
      f"{sys.argv[2]} epochs from the FP32 model at learning rate {sys.argv[3]}; bundles for {sys.argv[4]}; drop = FP32 "
      f"test accuracy minus the exported model's, in points; parity = largest probe difference between the QAT model "
      f"and its export; {(time.time() - float(sys.argv[5])) / 60:.0f} minutes)")
PY
