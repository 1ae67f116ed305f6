#!/usr/bin/env bash
# Does every template train to a good model whatever the seed and the thread count? Trains each
# template for its default epochs with its own training section, SEEDS seeds x each thread count,
# through `netloom train` (a fresh JVM per run), and prints per template:
#   runs, diverged (stopped with a divergence), recovered (finished after at least one divergence
#   recovery, from training.json), failed (any other non-zero exit), final test accuracy (median, min)
#   and the median seconds per run.
#
# Data: the templates' own data sections (small-cnn: Fashion-MNIST from Debian's dataset-fashion-mnist;
# image-text-qa and image-text-moe: generated Shapes QA, its examples drawn from the run's seed).
# text-classifier and moe-transformer have no dataset: they get a generated 4-topic text set (below,
# 1500 texts, fixed, its split pinned by the data section's seed), read through the "text" source.
# mobilenet-v2 (224x224 pictures, 1000 classes, 300M multiply-adds per picture) is not trained here:
# no dataset of its shape trains on this machine in a bench's time.
#
#   bench/convergence.sh [--seeds 10] [--threads "1 2"] [--templates "image-text-moe image-text-qa ..."]
#                        [--seeds-for TEMPLATE=N ...] [--set '{"learningRate": 0.002}']
# --seeds-for gives one template fewer (or more) seeds; --set overrides training keys (to try settings).
set -euo pipefail
cd "$(dirname "$0")/.."
seeds=10; threads="1 2"
templates="image-text-moe image-text-qa text-classifier moe-transformer small-cnn"
declare -A seeds_for=()
set_json='{}'
while [ $# -gt 0 ]; do case "$1" in
  --seeds) seeds=$2; shift 2;;
  --threads) threads=$2; shift 2;;
  --templates) templates=$2; shift 2;;
  --seeds-for) seeds_for[${2%%=*}]=${2#*=}; shift 2;;
  --set) set_json=$2; shift 2;;
  *) echo "unknown $1"; exit 2;; esac; done
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
export NETLOOM_HOME="$work/home"   # runs are recorded in a throwaway workspace, not the user's
./netloom --version > /dev/null     # build first; then time only the runs
export NETLOOM_SKIP_BUILD=1

echo "CPU: $(lscpu | sed -n 's/^Model name: *//p'), $(nproc) cores; $(grep -o -w 'avx512f\|avx2' /proc/cpuinfo | sort -u | tr '\n' ' ')"
echo "Load before: $(cut -d' ' -f1-3 /proc/loadavg)"
./netloom --version | tr '\n' ' '; echo

python3 - "$work" <<'PY'
# A generated 4-topic text set: each text mixes 6-12 words of its topic with 14-28 shared filler
# words; 5% of the labels are flipped, so about 95% is the best a model can do.
import json, random, sys
r = random.Random(7)
topics = ["sport", "weather", "music", "cooking"]
words = {t: [f"{t[:3]}{i}" for i in range(40)] for t in topics}
filler = [f"w{i}" for i in range(400)]
with open(f"{sys.argv[1]}/topics.jsonl", "w") as f:
    for n in range(1500):
        label = r.choice(topics)
        text = r.sample(words[label], r.randint(6, 12)) + [r.choice(filler) for _ in range(r.randint(14, 28))]
        r.shuffle(text)
        if r.random() < 0.05:
            label = r.choice([t for t in topics if t != label])
        f.write(json.dumps({"text": " ".join(text), "label": label}) + "\n")
PY

printf '%s\n' "template runs diverged recovered failed median min seconds" > "$work/table"
for template in $templates; do
  project="$work/$template.netloom"
  ./netloom new --template "$template" "$project" > /dev/null
  python3 - "$project" "$work/topics.jsonl" "$set_json" <<'PY'
import json, sys
path, topics, override = sys.argv[1], sys.argv[2], json.loads(sys.argv[3])
p = json.load(open(path))
if "data" not in p:
    p["data"] = {"source": "text", "file": topics, "seed": 7}
p.setdefault("training", {}).update(override)
json.dump(p, open(path, "w"), indent=2)
PY
  n=${seeds_for[$template]:-$seeds}
  : > "$work/$template.runs"
  for t in $threads; do
    for s in $(seq 1 "$n"); do
      out="$work/$template-s$s-t$t"
      start=$(date +%s)
      if ./netloom train "$project" --seed "$s" --threads "$t" --out "$out" > "$out.log" 2>&1; then
        acc=$(sed -nE 's/^Test: .*accuracy ([0-9.]+)%.*/\1/p' "$out.log" | head -1)
        rec=$(python3 -c "import json,sys; print(len(json.load(open(sys.argv[1])).get('recoveries', [])))" "$out/training.json")
        echo "ok $acc $rec $(( $(date +%s) - start ))" >> "$work/$template.runs"
      elif grep -q "loss\|diverge" "$out.log"; then
        echo "diverged - 0 $(( $(date +%s) - start ))" >> "$work/$template.runs"
        echo "  $template seed $s threads $t: $(grep -i 'netloom train:' "$out.log" | tail -1)"
      else
        echo "failed - 0 $(( $(date +%s) - start ))" >> "$work/$template.runs"
        echo "  $template seed $s threads $t failed: $(tail -1 "$out.log")"
      fi
      rm -rf "$out" "$out.checkpoint.safetensors"
    done
  done
  python3 - "$template" "$work/$template.runs" >> "$work/table" <<'PY'
import statistics, sys
rows = [l.split() for l in open(sys.argv[2])]
ok = [r for r in rows if r[0] == "ok"]
acc = sorted(float(r[1]) for r in ok)
print(sys.argv[1], len(rows), sum(r[0] == "diverged" for r in rows), sum(int(r[2]) > 0 for r in ok),
      sum(r[0] == "failed" for r in rows),
      f"{statistics.median(acc):.2f}%" if acc else "-", f"{acc[0]:.2f}%" if acc else "-",
      int(statistics.median(int(r[3]) for r in rows)))
PY
done
echo "Seeds: $seeds$(for k in "${!seeds_for[@]}"; do printf ' (%s: %s)' "$k" "${seeds_for[$k]}"; done) x threads: $threads; overrides: $set_json"
echo "Load after: $(cut -d' ' -f1-3 /proc/loadavg)"
column -t "$work/table"
echo "(diverged: stopped by a divergence; recovered: finished after rolling back at least once; accuracy: test split)"
