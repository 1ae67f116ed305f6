#!/usr/bin/env bash
# Quantized export of the small CNN on Fashion-MNIST, every precision from one run: bits per weight
# (scales and packing included), model and bundle size, latency of one example measured here in
# ONNX Runtime (median), test accuracy and the drop against FP32 — each bundle verified by
# 'netloom export' (FP32 parity 1e-4) and checked again with 'netloom verify'.
# Targets (issue 5): bits per weight INT8 <= 8.2, INT4 <= 4.6, 2-bit <= 2.2, 1-bit <= 1.2;
# accuracy drop INT8 <= 0.3 points, INT4 <= 1.0 point.
#
#   bench/export-quality.sh [--model DIR] [--threads 1] [--device raspberry-pi-5]
# Without --model it trains the small-cnn template first (about 5 minutes on 2 cores).
# Needs: apt-get install dataset-fashion-mnist
set -euo pipefail
cd "$(dirname "$0")/.."
model=""; threads=1; device=raspberry-pi-5
while [ $# -gt 0 ]; do case "$1" in --model) model=$2; shift 2;; --threads) threads=$2; shift 2;;
  --device) device=$2; shift 2;; *) echo "unknown $1"; exit 2;; esac; done
[ -f /usr/share/datasets/fashion-mnist/train-images-idx3-ubyte.gz ] || { echo "needs Debian's dataset-fashion-mnist" >&2; exit 2; }

./netloom --version >/dev/null            # builds once if needed, never while timing
export NETLOOM_SKIP_BUILD=1
work=$(mktemp -d); trap 'rm -rf "$work"' EXIT
if [ -z "$model" ]; then
  ./netloom new -t small-cnn "$work/small-cnn.netloom" >/dev/null
  model="$work/small-cnn-model"
  ./netloom train "$work/small-cnn.netloom" --out "$model" --threads 2 | grep -E "^(Test|Finished)" >&2
fi
rows="$work/rows.jsonl"
for p in fp32 fp16 int8 int4 int2 int1 auto; do
  extra=(); [ "$p" = auto ] && extra=(--max-drop 1)
  log=$(./netloom export "$model" --device "$device" --precision "$p" "${extra[@]}" --threads "$threads" \
        --out "$work/bundle-$p" --signing-key-dir "$work/keys")
  ./netloom verify "$work/bundle-$p.zip" >/dev/null
  ms=$(printf '%s\n' "$log" | sed -n 's/^This computer: \([0-9.]*\) ms.*/\1/p')
  /usr/bin/python3 - "$work/bundle-$p/manifest.json" "$p" "$ms" "$work/bundle-$p.zip" >> "$rows" <<'PY'
import json, os, sys
m = json.load(open(sys.argv[1]))
a = m["accuracy"]
print(json.dumps({"precision": sys.argv[2], "bits": m["precision"]["bitsPerWeight"], "model": m["sizes"]["modelBytes"],
                  "zip": os.path.getsize(sys.argv[4]), "ms": float(sys.argv[3]), "accuracy": a["accuracy"],
                  "drop": a["dropPoints"], "fp32": a["fp32Accuracy"], "examples": a["examples"]}))
PY
done
/usr/bin/python3 - "$rows" "$threads" "$device" <<'PY'
import json, sys
rows = [json.loads(l) for l in open(sys.argv[1])]
limits = {"int8": (8.2, 0.3), "int4": (4.6, 1.0), "int2": (2.2, None), "int1": (1.2, None)}
base = rows[0]
print(f"{'precision':9} {'bits/weight':>11} {'limit':>6} {'model.onnx':>10} {'bundle zip':>10} {'latency ms':>10} {'vs FP32':>7}"
      f" {'test acc':>8} {'drop pts':>8} {'target':>6}")
for r in rows:
    bl, dl = limits.get(r["precision"], (None, None))
    ok = lambda v, l: "" if l is None else ("ok" if v <= l else "MISSED")
    print(f"{r['precision']:9} {r['bits']:11.2f} {(f'<={bl}' if bl else ''):>6} {r['model']/1024:8.1f}KB {r['zip']/1024:8.1f}KB"
          f" {r['ms']:10.3f} {r['ms']/base['ms']:6.2f}x {r['accuracy']*100:7.2f}% {r['drop']:8.2f} "
          f"{(('<=' + str(dl) + ' ' + ok(r['drop'], dl)) if dl else ''):>6}  {ok(r['bits'], bl)}")
print(f"(small-cnn on Fashion-MNIST, {rows[0]['examples']} test examples, FP32 {base['fp32']*100:.2f}%; bundles for {sys.argv[3]};"
      f" latency = median of timed runs of one example in ONNX Runtime on this computer, {sys.argv[2]} thread(s);"
      " auto = smallest plan within 1 point on the validation split)")
PY
