#!/usr/bin/env bash
# Nothing lost, nothing silent (issue 13): the hostile and unlucky runs, repeated, and a table.
#   - fuzz: every template, dataset file kind and a bundle manifest damaged N times each, run as a
#     user runs them (netloom validate, the data readers, the manifest parser): crashes and
#     messages that name a library's class or option;
#   - a damaged workspace.db under netloom demo; eight processes opening an empty home at once;
#   - kill -9 during training and during export: epochs recorded before the kill, half-written
#     models or bundles, and leftovers after the next write to the same place;
#   - one changed byte in a bundle, N times, and a bundle re-signed with a stranger's key.
# Prints the CPU, the versions and one table from one run (numbers vary with the machine's load).
#
#   bench/reliability.sh [--fuzz 100] [--races 3] [--kills 2] [--tamper 200]
set -euo pipefail
cd "$(dirname "$0")/.."
root=$PWD
fuzz=100; races=3; kills=2; tamper=200
while [ $# -gt 0 ]; do case "$1" in --fuzz) fuzz=$2; shift 2;; --races) races=$2; shift 2;;
  --kills) kills=$2; shift 2;; --tamper) tamper=$2; shift 2;; *) echo "unknown $1" >&2; exit 2;; esac; done
work=$(mktemp -d)
pids=()
cleanup() { for p in "${pids[@]:-}"; do [ -n "$p" ] && kill -9 "$p" 2>/dev/null || true; done; rm -rf "$work"; }
trap cleanup EXIT

# Build once (the app and the test classes that hold the in-process checks); time nothing of it.
./netloom --version > /dev/null
mvn -q -o -B -pl app -am test-compile > "$work/build.log" 2>&1 || { cat "$work/build.log"; exit 1; }
export NETLOOM_SKIP_BUILD=1
cp="$root/app/target/test-classes:$root/app/target/netloom-app.jar:$root/app/target/lib/*"
jrun() { java -Dai.djl.offline=true -Dfile.encoding=UTF-8 -cp "$cp" "$@"; }
netloom() { NETLOOM_HOME="$home" "$root/netloom" "$@"; }
value() { grep -E "^$1 " "$2" | awk '{print $2}'; }

crashes=0; lost=0

# 1. Fuzz.
jrun dev.netloom.app.bench.ReliabilityMain fuzz "$work/fuzz" "$fuzz" > "$work/fuzz.txt"
f_inputs=$(value inputs "$work/fuzz.txt"); f_crashes=$(value crashes "$work/fuzz.txt"); f_leaks=$(value leaks "$work/fuzz.txt")
crashes=$((crashes + f_crashes))
grep '^#' "$work/fuzz.txt" || true

# 2a. A damaged workspace: the demo must run, saying so in one line (it exited 3).
home="$work/damaged-home"; mkdir -p "$home"
head -c 20000 /dev/urandom > "$home/workspace.db"
set +e; netloom demo --quick --out "$work/demo-damaged" > "$work/demo-damaged.out" 2> "$work/demo-damaged.err"; d_code=$?; set -e
d_notice=$(grep -c "could not be used" "$work/demo-damaged.err" || true)
[ "$d_code" -eq 0 ] || crashes=$((crashes + 1))

# 2b. Eight processes opening an empty home at once, $races times.
race_records=0; race_expected=0
for r in $(seq 1 "$races"); do
  home="$work/race-$r"; go="$work/go-$r"; ps=()
  for i in $(seq 0 7); do
    jrun -Xmx96m -XX:TieredStopAtLevel=1 dev.netloom.app.workspace.WorkspaceOpener "$home" "$i" "$go" \
      > "$work/race-$r-$i.log" 2>&1 & ps+=($!)
  done
  sleep 2; touch "$go"
  for p in "${ps[@]}"; do wait "$p" || crashes=$((crashes + 1)); done
  n=$(jrun dev.netloom.app.bench.ReliabilityMain records "$home" | awk '/^runs /{print $2}')
  race_records=$((race_records + n)); race_expected=$((race_expected + 8))
done
lost=$((lost + race_expected - race_records))

# 3. kill -9 during training, then the next training to the same place.
home="$work/home"; mkdir -p "$home"
netloom new --template image-text-qa "$work/qa.netloom" > /dev/null
data='{"source": "shapes-qa", "examples": 3000}'
t_lost=0; t_half=0; t_left=0; t_seen=0
for k in $(seq 1 "$kills"); do
  out="$work/model-$k"
  netloom train "$work/qa.netloom" --out "$out" --epochs 30 --data "$data" > "$work/train-$k.out" 2>&1 &
  pid=$!; pids+=("$pid")
  # Kill once two epochs are done: mid-epoch, with records and a checkpoint behind it.
  for _ in $(seq 1 600); do grep -q '^epoch 2/' "$work/train-$k.out" 2>/dev/null && break; sleep 0.2; done
  sleep 0.$((RANDOM % 9 + 1))
  java_pid=$(pgrep -P "$pid" java || echo "$pid")
  kill -9 "$java_pid" "$pid" 2>/dev/null || true; wait "$pid" 2>/dev/null || true
  seen=$(grep -c '^epoch [0-9]*/' "$work/train-$k.out" || true); t_seen=$((t_seen + seen))
  if [ -e "$out" ] && [ ! -f "$out/training.json" ]; then t_half=$((t_half + 1)); fi
done
recorded=$(jrun dev.netloom.app.bench.ReliabilityMain records "$home" | awk '/^epochs /{print $2}')
[ "$recorded" -lt "$t_seen" ] && t_lost=$((t_seen - recorded))
lost=$((lost + t_lost))
# The next write to the same place: a short training into the first killed run's folder.
netloom train "$work/qa.netloom" --out "$work/model-1" --epochs 1 --data '{"source": "shapes-qa", "examples": 300}' \
  > "$work/train-again.out" 2>&1 || crashes=$((crashes + 1))
t_left=$(find "$work" -maxdepth 1 -name '.model-1.*' | wc -l)

# 4. kill -9 during export, then the next export to the same place.
e_half=0
for k in $(seq 1 "$kills"); do
  netloom export "$work/model-1" --device raspberry-pi-5 --precision int8 --out "$work/bundle" --replace \
    > "$work/export-$k.out" 2>&1 &
  pid=$!; pids+=("$pid")
  sleep "$((3 + k)).$((RANDOM % 9))"
  java_pid=$(pgrep -P "$pid" java || echo "$pid")
  kill -9 "$java_pid" "$pid" 2>/dev/null || true; wait "$pid" 2>/dev/null || true
  if [ -e "$work/bundle" ] && ! netloom verify "$work/bundle" > /dev/null 2>&1; then e_half=$((e_half + 1)); fi
done
e_left_before=$(find "$work" -maxdepth 1 -name '.bundle.*' | wc -l)
netloom export "$work/model-1" --device raspberry-pi-5 --precision int8 --out "$work/bundle" --replace \
  > "$work/export-again.out" 2>&1 || crashes=$((crashes + 1))
e_left=$(find "$work" -maxdepth 1 -name '.bundle.*' | wc -l)

# 5. Tampering: one changed byte, $tamper times; and a stranger's signature.
jrun dev.netloom.app.bench.ReliabilityMain tamper "$work/bundle" "$home" "$tamper" 13 > "$work/tamper.txt"
tampered=$(value tampered "$work/tamper.txt"); caught=$(value caught "$work/tamper.txt")
grep '^#' "$work/tamper.txt" || true
jrun dev.netloom.app.bench.ReliabilityMain forge "$work/bundle" "$work/forged" > /dev/null
set +e
netloom verify "$work/forged" > /dev/null 2>&1; forged_code=$?
netloom verify "$work/forged" --integrity-only > /dev/null 2>&1; integrity_code=$?
set -e
forge_caught=0; [ "$forged_code" -eq 1 ] && forge_caught=1
total_caught=$((caught + forge_caught)); total_tampered=$((tampered + 1))

echo "CPU: $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ //'), $(nproc) cores;" \
  "AVX2: $(grep -qw avx2 /proc/cpuinfo && echo yes || echo no), AVX-512: $(grep -qw avx512f /proc/cpuinfo && echo yes || echo no)"
echo "Versions: $(./netloom --version | head -1); $(java -version 2>&1 | head -1); SQLite (sqlite-jdbc) $(ls app/target/lib | sed -n 's/^sqlite-jdbc-\(.*\)\.jar$/\1/p')"
echo
printf '%-58s %8s  %s\n' "hostile run" "runs" "result"
printf '%-58s %8s  %s\n' "damaged inputs (templates, CSV/JSONL/manifests, bundle manifest)" "$f_inputs" \
  "crashes $f_crashes, messages naming a library $f_leaks"
printf '%-58s %8s  %s\n' "damaged workspace.db under netloom demo --quick" 1 "exit $d_code, notice lines $d_notice"
printf '%-58s %8s  %s\n' "8 processes opening an empty home at once" "$races" \
  "records $race_records of $race_expected (lost $((race_expected - race_records)))"
printf '%-58s %8s  %s\n' "kill -9 during training (then train to the same place)" "$kills" \
  "epochs seen $t_seen, recorded $recorded (lost $t_lost); half-written models $t_half; leftovers after $t_left"
printf '%-58s %8s  %s\n' "kill -9 during export (then export to the same place)" "$kills" \
  "broken bundles $e_half; leftovers before $e_left_before, after $e_left"
printf '%-58s %8s  %s\n' "one changed byte in a signed bundle" "$tampered" "caught $caught"
printf '%-58s %8s  %s\n' "bundle re-signed with a stranger's key" 1 \
  "netloom verify exit $forged_code (--integrity-only: exit $integrity_code)"
echo
echo "crashes: $crashes   lost records: $lost   tamper detection: $(awk -v c="$total_caught" -v t="$total_tampered" 'BEGIN{printf "%.1f%%", 100*c/t}') ($total_caught of $total_tampered)"
