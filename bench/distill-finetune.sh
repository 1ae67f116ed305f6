#!/usr/bin/env bash
# Distillation and few-shot fine-tuning on Fashion-MNIST (issue 24), through `netloom train` as a
# user runs it (a fresh JVM per run, one thread unless --threads). Prints one table from one run.
#
# Distillation: a teacher (the small-cnn template with every convolution and the dense layer
#   --teacher-width times wider) is trained once; then the small-cnn student (93.6K parameters) is
#   trained the same epochs on the same pictures alone, and again with `--teacher` (temperature and
#   weight: the defaults, 4 and 0.5). Test accuracy of all three.
# Few-shot: a small-cnn is trained on classes 0-4 (T-shirt ... Coat); it is adapted to classes 5-9
#   (Sandal ... Ankle boot) from 10 and from 50 pictures per class with `--start-from` and
#   `--freeze-up-to flatten` (every convolution and BatchNorm frozen; the dense layer and a new head
#   train), against the same graph trained from scratch on the same pictures, same settings.
#
# Pictures are taken in file order per class from Debian's dataset-fashion-mnist (train-* for
# training, t10k-* for test), written as IDX subsets, read through the "idx" source.
#
#   bench/distill-finetune.sh [--per-class 600] [--epochs 8] [--teacher-width 4] [--base-per-class 1000]
#                             [--base-epochs 6] [--fewshot-epochs 30] [--test 2000] [--threads 1]
# Needs: apt-get install dataset-fashion-mnist
set -euo pipefail
cd "$(dirname "$0")/.."
per_class=600; epochs=8; width=4; base_per_class=1000; base_epochs=6; few_epochs=30; test=2000; threads=1
while [ $# -gt 0 ]; do case "$1" in
  --per-class) per_class=$2; shift 2;;
  --epochs) epochs=$2; shift 2;;
  --teacher-width) width=$2; shift 2;;
  --base-per-class) base_per_class=$2; shift 2;;
  --base-epochs) base_epochs=$2; shift 2;;
  --fewshot-epochs) few_epochs=$2; shift 2;;
  --test) test=$2; shift 2;;
  --threads) threads=$2; shift 2;;
  *) echo "unknown $1"; exit 2;; esac; done
fashion=/usr/share/datasets/fashion-mnist
[ -f "$fashion/train-images-idx3-ubyte.gz" ] || { echo "needs Debian's dataset-fashion-mnist ($fashion)"; exit 2; }
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
export NETLOOM_HOME="$work/home"   # runs are recorded in a throwaway workspace, not the user's
./netloom --version > /dev/null     # build first; then time only the runs
export NETLOOM_SKIP_BUILD=1

echo "CPU: $(lscpu | sed -n 's/^Model name: *//p'), $(nproc) cores; $(grep -o -w 'avx512f\|avx2' /proc/cpuinfo | sort -u | tr '\n' ' ')"
echo "Load before: $(cut -d' ' -f1-3 /proc/loadavg)"
./netloom --version | tr '\n' ' '; echo
echo "Settings: distillation $per_class pictures per class, $epochs epochs, teacher ${width}x wider; few-shot base" \
     "$base_per_class per class of classes 0-4, $base_epochs epochs, adaptation $few_epochs epochs; test $test pictures; $threads thread(s)"

python3 - "$fashion" "$work" "$per_class" "$base_per_class" "$test" <<'PY'
# IDX subsets: pictures taken in file order per class; labels renumbered from 0 within a subset.
import gzip, struct, sys
src, work, per_class, base_per_class, test = sys.argv[1], sys.argv[2], int(sys.argv[3]), int(sys.argv[4]), int(sys.argv[5])
def read(kind):
    with gzip.open(f"{src}/{kind}-images-idx3-ubyte.gz") as f:
        _, n, h, w = struct.unpack(">IIII", f.read(16)); px = f.read()
    with gzip.open(f"{src}/{kind}-labels-idx1-ubyte.gz") as f:
        f.read(8); labels = f.read()
    return [px[i * h * w:(i + 1) * h * w] for i in range(n)], labels
def write(name, pics, labels):
    with gzip.open(f"{work}/{name}-images.gz", "wb") as f:
        f.write(struct.pack(">IIII", 2051, len(pics), 28, 28)); f.write(b"".join(pics))
    with gzip.open(f"{work}/{name}-labels.gz", "wb") as f:
        f.write(struct.pack(">II", 2049, len(labels))); f.write(bytes(labels))
def subset(data, classes, per, skip=0):
    pics, labels = data; taken = {c: 0 for c in classes}; out_p, out_l = [], []
    seen = {c: 0 for c in classes}
    for p, l in zip(pics, labels):
        if l in taken:
            seen[l] += 1
            if seen[l] > skip and taken[l] < per:
                taken[l] += 1; out_p.append(p); out_l.append(classes.index(l))
    return out_p, out_l
train, t10k = read("train"), read("t10k")
write("distil-train", *subset(train, list(range(10)), per_class))
write("distil-test", *subset(t10k, list(range(10)), test // 10))
write("base-train", *subset(train, [0, 1, 2, 3, 4], base_per_class))
write("base-test", *subset(t10k, [0, 1, 2, 3, 4], test // 10))
# The few-shot pictures come from after the first 1000 of each class in file order.
write("few10-train", *subset(train, [5, 6, 7, 8, 9], 10, skip=1000))
write("few50-train", *subset(train, [5, 6, 7, 8, 9], 50, skip=1000))
write("new-test", *subset(t10k, [5, 6, 7, 8, 9], test // 10))
PY

# project NAME TRAIN TEST CLASSES-JSON EPOCHS BATCH WIDTH: the small-cnn template with its data,
# training and widths changed.
project() {
  ./netloom new --template small-cnn "$work/$1.netloom" > /dev/null
  python3 - "$work/$1.netloom" "$work" "$2" "$3" "$4" "$5" "$6" "$7" <<'PY'
import json, sys
path, work, train, test, classes, epochs, batch, width = sys.argv[1:9]
classes = json.loads(classes); width = int(width)
p = json.load(open(path))
for n in p["graph"]["nodes"]:
    if n["type"] == "Conv2d": n["params"]["filters"] *= width
    if n["type"] == "Dense": n["params"]["units"] *= width
    if n["type"] == "Classification": n["params"]["classes"] = len(classes)
p["data"] = {"source": "idx", "images": f"{work}/{train}-images.gz", "labels": f"{work}/{train}-labels.gz",
             "testImages": f"{work}/{test}-images.gz", "testLabels": f"{work}/{test}-labels.gz",
             "classes": classes, "validationFraction": 0.1, "seed": 1}
p.setdefault("training", {})
p["training"].update({"epochs": int(epochs), "batchSize": int(batch), "threads": 1, "seed": 7})
json.dump(p, open(path, "w"), indent=1)
PY
}
all='["T-shirt/top","Trouser","Pullover","Dress","Coat","Sandal","Shirt","Sneaker","Bag","Ankle boot"]'
first='["T-shirt/top","Trouser","Pullover","Dress","Coat"]'
last='["Sandal","Shirt","Sneaker","Bag","Ankle boot"]'

# train NAME PROJECT [options...]: trains, prints the test line, remembers accuracy and seconds.
declare -A acc secs
train() {
  local name=$1 proj=$2; shift 2
  local start; start=$(date +%s)
  if ! ./netloom train "$work/$proj.netloom" --threads "$threads" --out "$work/$name" "$@" > "$work/$name.log" 2>&1; then
    echo "$name failed:"; tail -5 "$work/$name.log"; exit 1
  fi
  secs[$name]=$(( $(date +%s) - start ))
  acc[$name]=$(grep '^Test:' "$work/$name.log" | sed -E 's/.*accuracy ([0-9.]+)%.*/\1/')
  printf '  %-22s %6s%%  %5ss\n' "$name" "${acc[$name]}" "${secs[$name]}"
  grep -E '^(Distilling|  teacher|Starting|  loaded|  new|  frozen|  head|  pictures)' "$work/$name.log" | sed 's/^/      /' || true
}

project teacher distil-train distil-test "$all" "$epochs" 64 "$width"
project student distil-train distil-test "$all" "$epochs" 64 1
project base base-train base-test "$first" "$base_epochs" 64 1
project few10 few10-train new-test "$last" "$few_epochs" 16 1
project few50 few50-train new-test "$last" "$few_epochs" 16 1
params() { ./netloom stats "$work/$1.netloom" | sed -n 's/^Parameters: *//p'; }
echo "Parameters: teacher $(params teacher), student $(params student)"

echo "Runs (test accuracy, wall time):"
train teacher teacher
train alone student
train distilled student --teacher "$work/teacher"
train base base
train scratch-10 few10
train adapted-10 few10 --start-from "$work/base" --freeze-up-to flatten
train scratch-50 few50
train adapted-50 few50 --start-from "$work/base" --freeze-up-to flatten
echo "Versions: $(python3 -c "import json;v=json.load(open('$work/alone/training.json'))['versions'];print(', '.join(f'{k} {x}' for k,x in v.items()))")"
echo "Load after: $(cut -d' ' -f1-3 /proc/loadavg)"
echo
echo "| experiment | Netloom run | test accuracy | wall time |"
echo "|---|---|---|---|"
echo "| distillation | teacher (small-cnn ${width}x wider) | ${acc[teacher]}% | ${secs[teacher]} s |"
echo "| distillation | student alone (small-cnn) | ${acc[alone]}% | ${secs[alone]} s |"
echo "| distillation | student distilled from the teacher | **${acc[distilled]}%** | ${secs[distilled]} s |"
echo "| few-shot | base model, classes 0-4 | ${acc[base]}% | ${secs[base]} s |"
echo "| few-shot, 10 per class | from scratch | ${acc[scratch-10]}% | ${secs[scratch-10]} s |"
echo "| few-shot, 10 per class | adapted (backbone frozen) | **${acc[adapted-10]}%** | ${secs[adapted-10]} s |"
echo "| few-shot, 50 per class | from scratch | ${acc[scratch-50]}% | ${secs[scratch-50]} s |"
echo "| few-shot, 50 per class | adapted (backbone frozen) | **${acc[adapted-50]}%** | ${secs[adapted-50]} s |"
