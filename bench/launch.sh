#!/usr/bin/env bash
# Cold start of the studio to an interactive window, in a real window under Xvfb, with nothing
# else running and with one training run in the background (netloom train of the image + text QA
# template on Shapes QA, one thread). Prints the CPU, the load, and per run the milliseconds from
# the JVM's start to each start-up step (StartupTimes: NETLOOM_STARTUP_REPORT=1), then the median.
#   bench/launch.sh [RUNS]      # default 5 runs each way
# Builds with the reactor (no install); APP_DIR=DIR runs a copy of app/target (netloom-app.jar and
# lib/) instead, without building. Each run uses a fresh Netloom home (a new workspace).
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"
runs="${1:-5}"
app="${APP_DIR:-}"
if [ -z "$app" ]; then
  mvn -B -q -o -pl app -am package -DskipTests
  app=app/target
fi
cp="$app/netloom-app.jar:$(ls "$app"/lib/*.jar | tr '\n' ':')"
scratch="$(mktemp -d)"
trap 'kill $(jobs -p) 2>/dev/null || true; wait 2>/dev/null || true; rm -rf "$scratch"' EXIT

echo "CPU: $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs), $(nproc) cores; load: $(cut -d' ' -f1-3 /proc/loadavg)"
echo "Java: $(java -version 2>&1 | head -1)"

one() {  # prints "shown interactive" in ms since JVM start
  local home="$scratch/home-$RANDOM$RANDOM"
  local log="$scratch/launch.log"
  NETLOOM_HOME="$home" NETLOOM_STARTUP_REPORT=1 xvfb-run -a -s "-screen 0 1600x1000x24" \
    java -Dai.djl.offline=true -Djavafx.cachedir="$scratch/fx" -cp "$cp" dev.netloom.app.studio.StudioLauncher > "$log" 2>&1
  local shown interactive
  shown=$(sed -n 's/^netloom startup: window shown at \([0-9]*\) ms$/\1/p' "$log")
  interactive=$(sed -n 's/^netloom startup: interactive at \([0-9]*\) ms$/\1/p' "$log")
  [ -n "$interactive" ] || { echo "no start-up report:" >&2; cat "$log" >&2; exit 1; }
  echo "$shown $interactive"
}

median() { sort -n | awk '{a[NR]=$1} END {print (NR%2 ? a[(NR+1)/2] : (a[NR/2]+a[NR/2+1])/2)}'; }

measure() {
  local label="$1" i r shown=() inter=()
  for i in $(seq 1 "$runs"); do
    r=$(one)
    shown+=("${r% *}"); inter+=("${r#* }")
    echo "  $label run $i: window shown ${r% *} ms, interactive ${r#* } ms (load $(cut -d' ' -f1 /proc/loadavg))"
  done
  echo "$label: median window shown $(printf '%s\n' "${shown[@]}" | median) ms, interactive $(printf '%s\n' "${inter[@]}" | median) ms"
}

measure "no training run"

# One training run in the background, as when a person starts the studio while netloom train runs.
java -Dai.djl.offline=true -cp "$cp" dev.netloom.app.Main new --template image-text-qa --force "$scratch/qa.netloom" > /dev/null
NETLOOM_HOME="$scratch/train-home" MKL_CBWR=AUTO,STRICT java -Dai.djl.offline=true -cp "$cp" dev.netloom.app.Main \
  train "$scratch/qa.netloom" --data '{"source": "shapes-qa", "examples": 4000}' --epochs 50 \
  --out "$scratch/qa-model" > "$scratch/train.log" 2>&1 &
sleep 15   # past reading the data: the run is training
measure "with one training run"
