"""A generated 4-topic text set for the benches of text templates (which ship without data).

Each text mixes 6-12 words of its topic with 14-28 shared filler words; 5% of the labels are
flipped, so about 95% is the best a model can do. Fixed (seed 7), 1,500 texts, JSON lines with
"text" and "label", read through the data section's "text" source.

    python3 bench/topics.py OUT.jsonl
"""
import json
import random
import sys

r = random.Random(7)
topics = ["sport", "weather", "music", "cooking"]
words = {t: [f"{t[:3]}{i}" for i in range(40)] for t in topics}
filler = [f"w{i}" for i in range(400)]
with open(sys.argv[1], "w") as f:
    for n in range(1500):
        label = r.choice(topics)
        text = r.sample(words[label], r.randint(6, 12)) + [r.choice(filler) for _ in range(r.randint(14, 28))]
        r.shuffle(text)
        if r.random() < 0.05:
            label = r.choice([t for t in topics if t != label])
        f.write(json.dumps({"text": " ".join(text), "label": label}) + "\n")
