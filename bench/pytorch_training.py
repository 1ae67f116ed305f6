#!/usr/bin/env python3
"""The PyTorch side of bench/training-throughput: the same models, data, batch and threads.

Prints one JSON object per configuration on stdout, for the bench script to put beside
Netloom's numbers. Uses Debian's python3-torch (PyTorch 1.13, CPU) and the Fashion-MNIST IDX
files of Debian's dataset-fashion-mnist; it never downloads anything.

    pytorch_training.py --model mlp|cnn --threads N --batch 64 --steps 200 --repeats 5 --data DIR
"""
import argparse
import gzip
import json
import resource
import statistics
import time

import numpy as np
import torch
import torch.nn as nn


def read_idx(path):
    with gzip.open(path, "rb") as f:
        data = f.read()
    magic = int.from_bytes(data[0:4], "big")
    dims = [int.from_bytes(data[4 + 4 * i:8 + 4 * i], "big") for i in range(magic & 0xFF)]
    offset = 4 + 4 * len(dims)
    return np.frombuffer(data, dtype=np.uint8, offset=offset).reshape(dims)


def blas_in_use():
    """The BLAS library this process really loaded (Debian's PyTorch links the libblas.so.3 alternative)."""
    with open("/proc/self/maps") as maps:
        libs = {line.split()[-1] for line in maps if "blas" in line.lower() and "/" in line}
    return ", ".join(sorted(libs)) or "none found"


def rss_mib():
    """Resident memory of this process now, in MiB."""
    with open("/proc/self/status") as status:
        return next(int(l.split()[1]) for l in status if l.startswith("VmRSS:")) / 1024.0


def mlp():
    return nn.Sequential(nn.Flatten(), nn.Linear(784, 256), nn.ReLU(), nn.Linear(256, 128), nn.ReLU(),
                         nn.Linear(128, 10))


def small_cnn():
    """The small-cnn template, layer for layer (resources/.../small-cnn.netloom)."""
    def block(cin, cout):
        return [nn.Conv2d(cin, cout, 3, padding=1, bias=True), nn.BatchNorm2d(cout), nn.ReLU(), nn.MaxPool2d(2, 2)]
    return nn.Sequential(*block(1, 32), *block(32, 64), *block(64, 64), nn.Flatten(), nn.Linear(64 * 3 * 3, 64),
                         nn.ReLU(), nn.Dropout(0.3), nn.Linear(64, 10))


def main():
    p = argparse.ArgumentParser()
    p.add_argument("--model", choices=["mlp", "cnn"], required=True)
    p.add_argument("--threads", type=int, default=1)
    p.add_argument("--batch", type=int, default=64)
    p.add_argument("--steps", type=int, default=200)
    p.add_argument("--repeats", type=int, default=5)
    p.add_argument("--data", default="/usr/share/datasets/fashion-mnist")
    a = p.parse_args()

    rss_engine = rss_mib()  # Python and torch imported
    torch.set_num_threads(a.threads)
    torch.set_num_interop_threads(1)
    torch.manual_seed(42)
    images = read_idx(a.data + "/train-images-idx3-ubyte.gz")[: a.batch * a.steps]
    labels = read_idx(a.data + "/train-labels-idx1-ubyte.gz")[: a.batch * a.steps]
    x = torch.tensor(images, dtype=torch.float32).unsqueeze(1) / 255.0
    x = (x - x.mean()) / x.std()
    y = torch.tensor(labels, dtype=torch.int64)

    rss_data = rss_mib()
    model = mlp() if a.model == "mlp" else small_cnn()
    optimizer = torch.optim.Adam(model.parameters(), lr=1e-3)
    loss_fn = nn.CrossEntropyLoss()
    model.train()

    # The phases Netloom's StepProfile times, on the same clock: the thread's CPU time with one
    # thread (all the work, whatever else the machine runs), the wall clock with more. Reading the
    # loss and accuracy back each step is what a training loop with a live chart does; ours does too.
    clock = time.thread_time_ns if a.threads == 1 else time.perf_counter_ns
    phases = dict.fromkeys(["data", "forward", "loss", "backward", "optimizer", "metrics", "events"], 0)

    rss_first = []

    def epoch(profile):
        start = time.perf_counter()
        cpu = time.thread_time()
        process = time.process_time()
        for s in range(a.steps):
            t0 = clock()
            xb = x[s * a.batch:(s + 1) * a.batch]
            yb = y[s * a.batch:(s + 1) * a.batch]
            t1 = clock()
            optimizer.zero_grad()
            logits = model(xb)
            t2 = clock()
            loss = loss_fn(logits, yb)
            t3 = clock()
            loss.backward()
            t4 = clock()
            value = loss.item()
            correct = (logits.argmax(1) == yb).sum().item()
            t5 = clock()
            optimizer.step()
            t6 = clock()
            if not rss_first:
                rss_first.append(rss_mib())  # the model, its gradients and the optimiser's moments exist
            if profile:
                for name, d in zip(phases, (t1 - t0, t2 - t1, t3 - t2, t4 - t3, t6 - t5, t5 - t4)):
                    phases[name] += d
        return (a.steps / (time.perf_counter() - start), a.steps / (time.thread_time() - cpu),
                a.steps / (time.process_time() - process))

    epoch(False)  # warm-up: allocator, kernels
    measured = [epoch(True) for _ in range(a.repeats)]
    rates = [m[0] for m in measured]
    cpu_rates = [m[1] for m in measured]
    process_rates = [m[2] for m in measured]
    peak_kib = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    print(json.dumps({"peer": "PyTorch " + torch.__version__, "model": a.model, "threads": a.threads,
                      "batch": a.batch, "stepsPerSecond": statistics.median(rates),
                      "stepsPerCpuSecond": statistics.median(cpu_rates),
                      "stepsPerProcessCpuSecond": statistics.median(process_rates), "blas": blas_in_use(), "all": rates,
                      "rssEngineMiB": rss_engine, "rssAfterDataMiB": rss_data, "rssFirstStepMiB": rss_first[0],
                      "rssSteadyMiB": rss_mib(), "peakRssMiB": peak_kib / 1024.0,
                      "phases": {k: v / 1e6 / (a.steps * a.repeats) for k, v in phases.items()}}))


if __name__ == "__main__":
    main()
