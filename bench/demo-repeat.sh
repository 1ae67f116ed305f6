#!/usr/bin/env bash
# `netloom demo` N times in a row (10 by default), each in a fresh folder and a fresh workspace:
# every run must exit 0 with a verified bundle and a search in which every trial completed, and,
# with the demo's fixed seed and one training thread, every run must print the same numbers.
# Prints one row per run (seconds, test accuracy, INT4 accuracy, bundle size, bits per weight,
# trials completed, a digest of the numbers compared) and exits 1 if any run failed or the numbers differ.
# A script rather than a test: ten full demos take 10-20 minutes on a 2-core machine.
#
#   bench/demo-repeat.sh [--runs 10] [--quick]
set -euo pipefail
cd "$(dirname "$0")/.."
runs=10; quick=()
while [ $# -gt 0 ]; do case "$1" in --runs) runs=$2; shift 2;; --quick) quick=(--quick); shift;;
  *) echo "unknown $1"; exit 2;; esac; done
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
./netloom --version > /dev/null   # build first
export NETLOOM_SKIP_BUILD=1
echo "CPU: $(lscpu | sed -n 's/^Model name: *//p'), $(nproc) cores; $(grep -o -w 'avx512f\|avx2' /proc/cpuinfo | sort -u | tr '\n' ' ')"
echo "Load before: $(cut -d' ' -f1-3 /proc/loadavg)"
./netloom --version | tr '\n' ' '; echo
printf '%-4s %5s %4s %9s %9s %10s %5s %7s %12s\n' run exit s test INT4 bundle bits trials numbers
failed=0
for i in $(seq 1 "$runs"); do
  start=$(date +%s)
  code=0
  NETLOOM_HOME="$work/home-$i" ./netloom demo "${quick[@]}" --out "$work/demo-$i" > "$work/demo-$i.log" 2>&1 || code=$?
  log="$work/demo-$i.log"
  test=$(sed -nE 's/^ +model .*\(test accuracy ([0-9.]+%)\)/\1/p' "$log")
  int4=$(sed -nE 's/^ +accuracy +([0-9.]+%) after INT4.*/\1/p' "$log")
  size=$(sed -nE 's/^ +bundle size +([0-9.]+ [KMG]?i?B).*/\1/p' "$log" | tr -d ' ')
  bits=$(sed -nE 's/^ +bits per weight ([0-9.]+)/\1/p' "$log")
  trials=$(grep -c '^  trial #[0-9]* COMPLETE' "$log" || true)
  planned=$(sed -nE 's/^\[3\/5\] Search: ([0-9]+) trials?.*/\1/p' "$log")
  # The numbers a user compares with the README: training, search and export results.
  # Folders and times differ from run to run by design; they are taken out before comparing.
  grep -E '^epoch [0-9]+/|^  test accuracy|^  trial #|^  best:|^    test accuracy|bits per weight' "$log" \
    | sed -E "s#$work/demo-$i#DIR#g; s/\(([0-9]+h)?([0-9]+m)?[0-9]+s\)//; s/, [0-9]+ s / /" > "$work/numbers-$i"
  # One row per run as it ends, with a digest of its numbers: a bench stopped early still shows which agree.
  printf '%-4s %5s %4s %9s %9s %10s %5s %7s %12s\n' "$i" "$code" "$(( $(date +%s) - start ))" "${test:--}" "${int4:--}" \
    "${size:--}" "${bits:--}" "$trials/${planned:-?}" "$(sha256sum < "$work/numbers-$i" | cut -c1-12)"
  if [ "$code" != 0 ] || [ "$trials" != "$planned" ] || ! grep -q 'VERIFIED' "$log"; then
    failed=$((failed + 1)); echo "  run $i failed: $(grep -m1 'netloom demo:' "$log" || tail -1 "$log")"
  fi
done
echo "Load after: $(cut -d' ' -f1-3 /proc/loadavg)"
same=yes
for i in $(seq 2 "$runs"); do
  cmp -s "$work/numbers-1" "$work/numbers-$i" || { same=no; echo "run $i differs from run 1:"; diff "$work/numbers-1" "$work/numbers-$i" | head -6; }
done
echo "runs: $runs, failed: $failed, identical numbers in every run (epochs, trials, accuracies): $same"
[ "$failed" = 0 ] && [ "$same" = yes ]
