#!/usr/bin/env bash
# One table from one run: every conformance bundle (input kind x device x precision) x runtime —
# ONNX Runtime for Java (the exporter's own check), onnxruntime-node newest and oldest supported,
# onnxruntime-web in headless Chromium — with its accuracy on held-out data, the training engine's
# evaluation of the trained model on the same data (what netloom eval computes), and the largest
# output difference from ONNX Runtime for Java on the same bundle and from the FP32 bundle.
# It runs BundleConformanceTest (app) once and prints its table with the CPU and every version.
#
#   bench/runtimes.sh            # about 4-6 minutes on 2 cores
# Needs: node (18+), Debian's chromium, and conformance/node_modules (installed here if missing).
set -euo pipefail
cd "$(dirname "$0")/.."

echo "CPU:      $(sed -n 's/^model name[[:space:]]*: //p' /proc/cpuinfo | sed -n 1p) ($(nproc) cores)"
echo "SIMD:     $(grep -o -w -E 'sse4_2|avx|avx2|fma|f16c|avx512[a-z_]*|avx_vnni|amx[a-z_]*' /proc/cpuinfo | sort -u | tr '\n' ' ')"
echo "Java:     $(java -version 2>&1 | sed -n 1p)"
echo "Node.js:  $(node --version)"
echo "Chromium: $(/usr/bin/chromium --version 2>/dev/null | sed -n 1p)"
[ -d conformance/node_modules ] || (cd conformance && npm ci --ignore-scripts --no-audit --no-fund >&2)
for p in ort-node-newest ort-node-oldest onnxruntime-web playwright-core; do
  echo "npm:      $p $(sed -n 's/^  "version": "\(.*\)",$/\1/p' conformance/node_modules/$p/package.json)"
done
echo "ONNX Runtime for Java: $(sed -n 's:.*<onnxruntime.version>\(.*\)</onnxruntime.version>.*:\1:p' pom.xml)"
echo

table=app/target/conformance/runtimes.txt
rm -f "$table"
status=0
NETLOOM_CONFORMANCE=1 mvn -B -o -q -pl app -am verify -Dtest=BundleConformanceTest \
  -Dsurefire.failIfNoSpecifiedTests=false >"${TMPDIR:-/tmp}/netloom-runtimes.log" 2>&1 || status=$?
if [ -f "$table" ]; then
  cat "$table"
else
  echo "no table: the suite did not get as far as a bundle; see ${TMPDIR:-/tmp}/netloom-runtimes.log" >&2
fi
if [ "$status" != 0 ]; then
  echo
  echo "The conformance suite FAILED (exit $status); its findings:"
  grep -E "^\[ERROR\]|Expecting|to be less than or equal|could not read" "${TMPDIR:-/tmp}/netloom-runtimes.log" | sed -n 1,60p
fi
exit "$status"
