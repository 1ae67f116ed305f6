#!/usr/bin/env bash
# Fashion QA: does the fusion of picture and question work? Trains three models on the same
# Fashion QA set (real Fashion-MNIST pictures, balanced yes/no questions such as "is this footwear?"):
#   fusion      the image-text-qa template (CNN + question transformer + cross-attention + gated fusion)
#   image-only  its picture branch alone
#   text-only   its question branch alone
# and prints their test accuracies side by side. The target: fusion >= 90%, the two ablations near
# chance (50%), which shows the answer needs both the picture and the question.
#
#   bench/fashion-qa-quality.sh [--examples 20000] [--epochs 8] [--threads 2]
# Needs: apt-get install dataset-fashion-mnist
set -euo pipefail
cd "$(dirname "$0")/.."
examples=20000; epochs=8; threads=2
while [ $# -gt 0 ]; do case "$1" in --examples) examples=$2; shift 2;; --epochs) epochs=$2; shift 2;;
  --threads) threads=$2; shift 2;; *) echo "unknown $1"; exit 2;; esac; done
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
# Build first, then time only the runs: no rebuild mid-benchmark even if the sources change.
./netloom --version > /dev/null
export NETLOOM_SKIP_BUILD=1
python3 - "$work" "$examples" "$epochs" "$threads" <<'PY'
import json, sys
work, examples, epochs, threads = sys.argv[1], int(sys.argv[2]), int(sys.argv[3]), int(sys.argv[4])
base = json.load(open("resources/src/main/resources/netloom/templates/image-text-qa.netloom"))
for n in base["graph"]["nodes"]:
    if n["type"] == "Image":
        n["params"].update(height=28, width=28, channels=1)
    if n["id"] == "answer":
        n["params"]["classes"] = 2
base["data"] = {"source": "fashion-qa", "examples": examples}
base["training"] = {"optimizer": "adam", "learningRate": 0.002, "schedule": "cosine", "warmupEpochs": 0.5,
                    "epochs": epochs, "batchSize": 64, "threads": threads}

def keep(project, ids, edges_extra):
    p = json.loads(json.dumps(project))
    p["graph"]["nodes"] = [n for n in p["graph"]["nodes"] if n["id"] in ids]
    p["graph"]["edges"] = [e for e in p["graph"]["edges"]
                           if e["from"].split(".")[0] in ids and e["to"].split(".")[0] in ids] + edges_extra
    return p

nodes = {n["id"] for n in base["graph"]["nodes"]}
picture = {"image", "conv1", "conv1_bn", "conv1_act", "pool1", "conv2", "conv2_bn", "conv2_act", "pool2", "img_pool",
           "dropout", "answer"}
question = {"question", "question_embed", "question_positions", "question_encoder", "q_pool", "dropout", "answer"}
json.dump(base, open(f"{work}/fusion.netloom", "w"))
json.dump(keep(base, picture, [{"from": "img_pool.out", "to": "dropout.in"}]), open(f"{work}/image-only.netloom", "w"))
json.dump(keep(base, question, [{"from": "question_encoder.out", "to": "q_pool.in"},
                                {"from": "q_pool.out", "to": "dropout.in"}]), open(f"{work}/text-only.netloom", "w"))
PY
for variant in fusion image-only text-only; do
  start=$(date +%s)
  ./netloom train "$work/$variant.netloom" --out "$work/$variant-model" > "$work/$variant.log" 2>&1 || { cat "$work/$variant.log"; exit 1; }
  echo "$variant $(grep '^Test:' "$work/$variant.log" | sed -E 's/.*accuracy ([0-9.]+)%.*/\1/') $(( $(date +%s) - start ))" >> "$work/results"
done
echo "Fashion QA ($examples examples, $epochs epochs, $threads threads): test accuracy"
printf '%-11s %9s %8s\n' model accuracy seconds
while read -r name acc secs; do printf '%-11s %8s%% %8s\n' "$name" "$acc" "$secs"; done < "$work/results"
echo "(target: fusion >= 90%; image-only and text-only near 50%, the chance level of balanced yes/no answers)"
