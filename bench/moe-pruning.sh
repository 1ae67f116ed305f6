#!/usr/bin/env bash
# Expert pruning (issue 25): train an MoE template, then keep K of its experts ('netloom prune-experts
# --keep K', the busiest on the validation split) with and without a short fine-tune, and for each K
# export at FP32 and read from the bundle's manifest the test accuracy measured by running model.onnx
# in ONNX Runtime, and model.onnx's size; 'netloom estimate' gives the latency and energy per
# prediction on the device (the exported MoE computes every expert it keeps, so fewer experts is less
# work). Templates: image-text-moe on generated Shapes QA; moe-transformer on a generated 4-topic text
# set (1,500 texts; 5% of labels flipped, so ~95% is the ceiling).
# Target (issue 25): keeping half of the experts with a short fine-tune loses <= 1 point of accuracy.
#
#   bench/moe-pruning.sh [--templates "image-text-moe moe-transformer"] [--epochs N] [--fine-tune 1]
#                        [--examples 6000] [--seed 42] [--threads 2] [--device raspberry-pi-5]
# --epochs overrides the templates' training epochs (10 each; a moe-transformer epoch takes minutes on
# 2 busy cores); --examples is the Shapes QA set's size.
set -euo pipefail
cd "$(dirname "$0")/.."
templates="image-text-moe moe-transformer"; epochs=""; fine_tune=1; examples=6000; seed=42; threads=2
device=raspberry-pi-5
while [ $# -gt 0 ]; do case "$1" in --templates) templates=$2; shift 2;; --epochs) epochs=$2; shift 2;;
  --fine-tune) fine_tune=$2; shift 2;; --examples) examples=$2; shift 2;; --seed) seed=$2; shift 2;;
  --threads) threads=$2; shift 2;; --device) device=$2; shift 2;; *) echo "unknown $1" >&2; exit 2;; esac; done

./netloom --version > /dev/null            # builds once if needed
export NETLOOM_SKIP_BUILD=1
work=$(mktemp -d); trap 'rm -rf "$work"' EXIT
export NETLOOM_HOME="$work/home"           # runs are recorded in a throwaway workspace, not the user's
started=$(date +%s)
echo "CPU: $(lscpu | sed -n 's/^Model name: *//p'), $(nproc) cores; $(grep -o -w 'avx512f\|avx2' /proc/cpuinfo | sort -u | tr '\n' ' ')"
echo "Load before: $(cut -d' ' -f1-3 /proc/loadavg)"
./netloom --version | tr '\n' ' '; echo
echo "Settings: seed $seed, $threads training threads, fine-tune $fine_tune epoch(s), epochs ${epochs:-as the template says}," \
     "Shapes QA examples $examples, device $device"
python3 bench/topics.py "$work/topics.jsonl"
rows="$work/rows.jsonl"

# One exported model: the manifest's test accuracy and model.onnx's size, the estimate's latency and energy.
record() { # template K kind artifact
  local template=$1 k=$2 kind=$3 artifact=$4 out="$work/bundle-$1-$2-$3"
  ./netloom export "$artifact" --device "$device" --precision fp32 --threads 1 --out "$out" \
    --signing-key-dir "$work/keys" > "$out.log"
  ./netloom estimate --json --device "$device" "$artifact/graph.json" > "$out.estimate.json"
  python3 - "$out/manifest.json" "$out.estimate.json" "$template" "$k" "$kind" >> "$rows" <<'PY'
import json, sys
m, e = json.load(open(sys.argv[1])), json.load(open(sys.argv[2]))
print(json.dumps({"template": sys.argv[3], "k": int(sys.argv[4]), "kind": sys.argv[5],
                  "accuracy": m["accuracy"]["accuracy"], "model": m["sizes"]["modelBytes"],
                  "latency": e["latencyMs"], "energy": e.get("energyMj")}))
PY
}

for template in $templates; do
  project="$work/$template.netloom"
  ./netloom new --template "$template" "$project" > /dev/null
  python3 - "$project" "$work/topics.jsonl" "$examples" "${epochs:-0}" <<'PY'
import json, sys
path, topics, examples, epochs = sys.argv[1], sys.argv[2], int(sys.argv[3]), int(sys.argv[4])
p = json.load(open(path))
if "data" not in p:                       # moe-transformer ships without data
    p["data"] = {"source": "text", "file": topics, "seed": 7}
elif p["data"].get("source") == "shapes-qa":
    p["data"]["examples"] = examples
if epochs > 0:
    p["training"]["epochs"] = epochs
json.dump(p, open(path, "w"), indent=2)
PY
  experts=$(python3 -c "import json,sys; print(min(n['params'].get('experts', 4) for n in json.load(open(sys.argv[1]))['graph']['nodes'] if n['type'] == 'MoE'))" "$project")
  full="$work/$template-all"
  ./netloom train "$project" --seed "$seed" --threads "$threads" --out "$full" > "$full.log"
  grep -E "^Test" "$full.log" | sed "s/^/  $template, all $experts experts: /"
  record "$template" "$experts" trained "$full"
  for k in $(seq $((experts - 1)) -1 1); do
    ./netloom prune-experts "$full" --keep "$k" --out "$work/$template-k$k" > "$work/$template-k$k.log"
    record "$template" "$k" pruned "$work/$template-k$k"
    if [ "$fine_tune" -gt 0 ]; then
      ./netloom prune-experts "$full" --keep "$k" --fine-tune "$fine_tune" --threads "$threads" \
        --out "$work/$template-k$k-tuned" > "$work/$template-k$k-tuned.log"
      record "$template" "$k" "fine-tuned" "$work/$template-k$k-tuned"
    fi
  done
done

python3 - "$rows" "$fine_tune" "$device" "$started" <<'PY'
import json, sys, time
rows = [json.loads(l) for l in open(sys.argv[1])]
fine_tune, device, started = sys.argv[2], sys.argv[3], int(sys.argv[4])
print()
print(f"| template | experts kept | model | test accuracy (ONNX Runtime) | vs all experts | model.onnx | "
      f"latency on {device} | energy per prediction |")
print("|---|---|---|---|---|---|---|---|")
for r in rows:
    base = next(b for b in rows if b["template"] == r["template"] and b["kind"] == "trained")
    kind = {"trained": "as trained", "pruned": "pruned", "fine-tuned": f"pruned + {fine_tune}-epoch fine-tune"}[r["kind"]]
    drop = (r["accuracy"] - base["accuracy"]) * 100
    energy = "-" if r["energy"] is None else f"{r['energy']:.2f} mJ"
    print(f"| {r['template']} | {r['k']} | {kind} | {r['accuracy'] * 100:.2f}% | {drop:+.2f} pt | "
          f"{r['model'] / 1024:,.0f} KiB ({r['model'] / base['model'] * 100:.0f}%) | {r['latency']:.3f} ms | {energy} |")
print(f"\n{time.time() - started:.0f} s; load after: {open('/proc/loadavg').read().split()[0:3]}")
PY
