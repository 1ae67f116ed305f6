#!/usr/bin/env bash
# The device estimator against every published whole-model latency we hold (bench/published-latency.csv: ncnn's CPU
# tables for the Raspberry Pi 4 and 5 and the Jetson Orin Nano; MobileNet v1/v2, ResNet-18/50, VGG-16), from one run:
# fits each device's kernel efficiencies to the rows marked "fitted", checks the shipped profiles hold that fit, and
# prints every row with its error — "held-out" rows were never seen by the fit.
#
#   bench/estimator-published.sh
set -euo pipefail
cd "$(dirname "$0")/.."
python3 bench/graphs/make-published-graphs.py >/dev/null   # the graphs are checked in; this shows they are what the script draws
git diff --quiet -- bench/graphs || { echo "bench/graphs differs from what make-published-graphs.py draws" >&2; exit 1; }
mvn -B -q -pl device-profiles -am verify -Dtest=PublishedLatencyTest -Dsurefire.failIfNoSpecifiedTests=false \
  -Dsurefire.printSummary=false 2>&1 | sed -n '/rms log error/p; /^device  /,/^held out/p' | sed 's/.*jqwik test executions\.//'
