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
# mobilenet-v2 (224x224x3 pictures, 300M multiply-adds each) has no dataset section: it gets the first
# MOBILENET_PICTURES (600) Fashion-MNIST pictures, resized to 224x224 and repeated over 3 channels, its
# head set to their 10 classes, and MOBILENET_EPOCHS (2) epochs at batch 32 (its template has no
# training section; the full set for its default 10 epochs takes hours a run here). The table says so.
#
#   bench/convergence.sh [--seeds 10] [--threads "1 2"] [--templates "image-text-moe image-text-qa ..."]
#                        [--seeds-for TEMPLATE=N ...] [--threads-for TEMPLATE="1" ...] [--epochs-for TEMPLATE=N ...]
#                        [--set '{"learningRate": 0.002}']
# --seeds-for gives one template fewer (or more) seeds, --threads-for other thread counts, --epochs-for fewer
# epochs than its training section's (printed under the table: a shortened run is not the template's);
# --set overrides training keys (to try settings).
set -euo pipefail
cd "$(dirname "$0")/.."
seeds=10; threads="1 2"
templates="image-text-moe image-text-qa text-classifier moe-transformer small-cnn mobilenet-v2"
declare -A seeds_for=()
declare -A threads_for=()
declare -A epochs_for=()
mobilenet_pictures=${MOBILENET_PICTURES:-600}
mobilenet_epochs=${MOBILENET_EPOCHS:-2}
set_json='{}'
while [ $# -gt 0 ]; do case "$1" in
  --seeds) seeds=$2; shift 2;;
  --threads) threads=$2; shift 2;;
  --templates) templates=$2; shift 2;;
  --seeds-for) seeds_for[${2%%=*}]=${2#*=}; shift 2;;
  --threads-for) threads_for[${2%%=*}]=${2#*=}; shift 2;;
  --epochs-for) epochs_for[${2%%=*}]=${2#*=}; shift 2;;
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

python3 bench/topics.py "$work/topics.jsonl"   # the generated 4-topic text set (bench/topics.py says how)

# mobilenet-v2's pictures: the first N of Fashion-MNIST's training files, as IDX files of their own.
python3 - "$work" "$mobilenet_pictures" <<'PY'
import gzip, struct, sys
src, out, n = "/usr/share/datasets/fashion-mnist/", sys.argv[1], int(sys.argv[2])
for name, dest in (("train-images-idx3-ubyte.gz", "mobilenet-images.gz"), ("train-labels-idx1-ubyte.gz", "mobilenet-labels.gz")):
    data = gzip.open(src + name).read()
    if struct.unpack(">I", data[:4])[0] == 2051:
        rows, cols = struct.unpack(">II", data[8:16])
        head, body = struct.pack(">IIII", 2051, n, rows, cols), data[16:16 + n * rows * cols]
    else:
        head, body = struct.pack(">II", 2049, n), data[8:8 + n]
    with gzip.open(f"{out}/{dest}", "wb") as f:
        f.write(head + body)
PY

printf '%s\n' "template runs diverged recovered failed median min seconds" > "$work/table"
for template in $templates; do
  project="$work/$template.netloom"
  ./netloom new --template "$template" "$project" > /dev/null
  python3 - "$project" "$work/topics.jsonl" "$set_json" "$work" "$mobilenet_epochs" "${epochs_for[$template]:-0}" <<'PY'
import json, sys
path, topics, override, work, mobilenet_epochs = sys.argv[1], sys.argv[2], json.loads(sys.argv[3]), sys.argv[4], int(sys.argv[5])
epochs = int(sys.argv[6])
p = json.load(open(path))
if any(n["type"] == "Image" for n in p["graph"]["nodes"]) and "data" not in p:   # mobilenet-v2
    p["data"] = {"source": "idx", "images": f"{work}/mobilenet-images.gz", "labels": f"{work}/mobilenet-labels.gz",
                 "validationFraction": 0.15, "testFraction": 0.15, "seed": 7}
    for n in p["graph"]["nodes"]:
        if n["type"] == "Classification":
            n["params"]["classes"] = 10
    p.setdefault("training", {}).update({"epochs": mobilenet_epochs, "batchSize": 32})
if "data" not in p:
    p["data"] = {"source": "text", "file": topics, "seed": 7}
p.setdefault("training", {}).update(override)
if epochs > 0:
    p["training"]["epochs"] = epochs
json.dump(p, open(path, "w"), indent=2)
PY
  n=${seeds_for[$template]:-$seeds}
  : > "$work/$template.runs"
  for t in ${threads_for[$template]:-$threads}; do
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
echo "Seeds: $seeds$(for k in "${!seeds_for[@]}"; do printf ' (%s: %s)' "$k" "${seeds_for[$k]}"; done) x threads: $threads$(for k in "${!threads_for[@]}"; do printf ' (%s: %s)' "$k" "${threads_for[$k]}"; done); overrides: $set_json"
for k in "${!epochs_for[@]}"; do echo "$k: ${epochs_for[$k]} epochs instead of its training section's (shortened for time)"; done
case " $templates " in *" mobilenet-v2 "*) echo "mobilenet-v2: $mobilenet_pictures Fashion-MNIST pictures at 224x224x3, 10 classes, $mobilenet_epochs epochs at batch 32 (reduced, see the script's header)";; esac
echo "Load after: $(cut -d' ' -f1-3 /proc/loadavg)"
column -t "$work/table"
echo "(diverged: stopped by a divergence; recovered: finished after rolling back at least once; accuracy: test split)"
