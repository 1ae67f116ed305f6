#!/usr/bin/env bash
# The device estimator against the real thing on this computer, from one run: calibrates the
# "this computer" profile (netloom profiles --calibrate), then for each graph (dense, CNN,
# transformer, MoE, multimodal; 9 graphs) and precision prints the estimated latency of one example
# beside the latency measured by running the exported model in ONNX Runtime (median), and the error.
# Target: within 25% for every graph.
#
#   bench/estimator-accuracy.sh [--threads 1] [--precisions "fp32 int8"]
set -euo pipefail
cd "$(dirname "$0")/.."
threads=1; precisions="fp32 int8"
while [ $# -gt 0 ]; do case "$1" in --threads) threads=$2; shift 2;; --precisions) precisions=$2; shift 2;; *) echo "unknown $1"; exit 2;; esac; done

./netloom --version >/dev/null            # builds once if needed, never while timing
export NETLOOM_SKIP_BUILD=1
work=$(mktemp -d); trap 'rm -rf "$work"' EXIT
./netloom profiles --calibrate --threads "$threads" --devices-dir "$work/devices" >&2
for t in small-cnn mobilenet-v2 text-classifier image-text-qa moe-transformer; do
  ./netloom new -t "$t" "$work/$t.netloom" >/dev/null
done
graphs="bench/mlp-784-256-128-10.netloom $work/small-cnn.netloom bench/graphs/wide-mlp.netloom bench/graphs/wide-cnn.netloom
  $work/mobilenet-v2.netloom $work/text-classifier.netloom bench/graphs/vit-tiny.netloom $work/moe-transformer.netloom
  $work/image-text-qa.netloom"
out="$work/rows.jsonl"
for g in $graphs; do
  for p in $precisions; do
    ./netloom estimate "$g" --device this-computer --precision "$p" --threads "$threads" --measure --json \
      --devices-dir "$work/devices" | /usr/bin/python3 -c "
import json, sys; d = json.load(sys.stdin); print(json.dumps({'graph': '$(basename "$g" .netloom)', 'precision': '$p',
  'estimated': d['total']['latencyMs'] if 'total' in d else d['latencyMs'], 'measured': d['measuredMs'], 'runs': d['measuredRuns']}))" >> "$out"
  done
done
/usr/bin/python3 - "$out" "$threads" <<'PY'
import json, sys, statistics
rows = [json.loads(l) for l in open(sys.argv[1])]
print(f"{'graph':24} {'precision':9} {'estimated ms':>12} {'measured ms':>12} {'error':>7}  within 25%")
errors = []
for r in rows:
    e = r['estimated'] / r['measured'] - 1
    errors.append(abs(e))
    print(f"{r['graph']:24} {r['precision']:9} {r['estimated']:12.3f} {r['measured']:12.3f} {e:+7.0%}  {'yes' if abs(e) <= 0.25 else 'NO'}")
print(f"{sum(1 for e in errors if e <= 0.25)} of {len(errors)} within 25%; median |error| {statistics.median(errors):.0%};"
      f" {sys.argv[2]} thread(s); measured = median of timed runs of one example in ONNX Runtime after warm-up")
PY
