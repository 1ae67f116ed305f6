#!/usr/bin/env bash
# Latency of one example in ONNX Runtime on this computer: FP32, dynamic INT8 and static INT8
# (calibrated QDQ) exports of the same model, as 'netloom export' measures it (median of timed runs,
# 1 thread), with each bundle's test accuracy. Prints the CPU and ONNX Runtime's version.
#
#   bench/int8-latency.sh --model DIR [--device raspberry-pi-5] [--repeat 3]
# DIR is a trained artifact (for example the small-cnn template trained on Fashion-MNIST).
set -euo pipefail
cd "$(dirname "$0")/.."
model=""; device=raspberry-pi-5; repeat=3
while [ $# -gt 0 ]; do case "$1" in --model) model=$2; shift 2;; --device) device=$2; shift 2;;
  --repeat) repeat=$2; shift 2;; *) echo "unknown $1"; exit 2;; esac; done
[ -n "$model" ] || { echo "usage: bench/int8-latency.sh --model DIR" >&2; exit 2; }
./netloom --version >/dev/null
export NETLOOM_SKIP_BUILD=1
work=$(mktemp -d); trap 'rm -rf "$work"' EXIT
echo "CPU: $(sed -n 's/^model name\s*: //p' /proc/cpuinfo | head -1), $(nproc) cores; load $(cut -d' ' -f1-3 /proc/loadavg)"
printf '%-12s %10s %10s %9s\n' precision "ms (runs)" model.onnx "test acc"
for p in fp32 int8 int8-static; do
  times=()
  for i in $(seq "$repeat"); do
    log=$(./netloom export "$model" --device "$device" --precision "$p" --threads 1 --out "$work/$p-$i" \
          --signing-key-dir "$work/keys")
    times+=("$(printf '%s\n' "$log" | sed -n 's/^This computer: \([0-9.]*\) ms.*/\1/p')")
  done
  acc=$(printf '%s\n' "$log" | sed -n 's/^Accuracy: *\([0-9.]*%\).*/\1/p')
  size=$(stat -c %s "$work/$p-1/model.onnx")
  med=$(printf '%s\n' "${times[@]}" | sort -g | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}')
  printf "%-12s %10s %9.1fK %9s   (%s)\n" "$p" "$med" "$(echo "$size / 1024" | bc -l)" "$acc" "${times[*]}"
done
/usr/bin/python3 -c 'import json,sys; r=json.load(open(sys.argv[1]))["runtime"]; print("runtime:", r["verifiedAtExport"])' "$work/int8-static-1/manifest.json"
echo "(ms: median over $repeat exports of each one's median latency of one example, 1 thread, this computer)"
