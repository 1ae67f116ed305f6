"""A stand-in for onnxruntime, to check run_model.py's preprocessing where ONNX Runtime for Python
cannot be installed (Debian has no package for it). It runs no model: every run appends the
tensors it was given as one JSON line to the file named by NETLOOM_FEEDS and answers zeros, one
per label of the bundle's manifest. The conformance suite compares those tensors with the
training engine's own conversion of the same files."""
import json
import os

import numpy as np


class SessionOptions:
    intra_op_num_threads = 0

    def __init__(self):
        self.config = {}

    def add_session_config_entry(self, key, value):
        self.config[key] = value


class InferenceSession:
    def __init__(self, path, options=None, providers=None):
        with open(os.path.join(os.path.dirname(str(path)), "manifest.json"), encoding="utf-8") as f:
            self.labels = len(json.load(f)["labels"])

    def run(self, names, feeds):
        line = {name: np.asarray(value).reshape(-1).tolist() for name, value in feeds.items()}
        with open(os.environ["NETLOOM_FEEDS"], "a", encoding="utf-8") as f:
            f.write(json.dumps(line) + "\n")
        return [np.zeros((1, self.labels), dtype=np.float32)]
