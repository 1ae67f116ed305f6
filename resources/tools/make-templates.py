#!/usr/bin/env python3
"""Writes the project templates in ../src/main/resources/netloom/templates/.

The templates are data; this script is how they were drawn, so that a change to one (say,
MobileNetV2's 17 inverted-residual blocks) is a change to a few lines here rather than to
hundreds of lines of JSON. Run it from anywhere: python3 resources/tools/make-templates.py
Tests in model-graph load every template, analyse it and check MobileNetV2's published cost.
"""
import json
import os
from collections import defaultdict

OUT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "src", "main", "resources", "netloom", "templates")
BLOCKS_OUT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "src", "main", "resources", "netloom",
                          "blocks")


class Drawing:
    """A graph being drawn: nodes in order, edges, and ids made from a stem."""

    def __init__(self):
        self.nodes = []
        self.edges = []
        self.counts = defaultdict(int)

    def add(self, type_, stem, inputs=(), label="", **params):
        self.counts[stem] += 1
        node_id = stem if self.counts[stem] == 1 else f"{stem}{self.counts[stem]}"
        node = {"id": node_id, "type": type_, "params": params}
        if label:
            node["label"] = label
        self.nodes.append(node)
        ports = ["in"] if len(inputs) == 1 else None
        for i, src in enumerate(inputs):
            src_ref, _, dst_port = src.partition("->")
            if not dst_port:
                dst_port = ports[0] if ports else "abcd"[i]
            if "." not in src_ref:
                src_ref += ".out"
            self.edges.append({"from": src_ref, "to": f"{node_id}.{dst_port}"})
        return node_id

    def layout(self, dx=240, dy=130):
        """Left to right by depth; one row per node at a depth, in drawing order."""
        depth = {}
        incoming = defaultdict(list)
        for e in self.edges:
            incoming[e["to"].rsplit(".", 1)[0]].append(e["from"].rsplit(".", 1)[0])
        for n in self.nodes:  # drawing order is topological
            depth[n["id"]] = 1 + max((depth[s] for s in incoming[n["id"]]), default=-1)
        rows = defaultdict(int)
        for n in self.nodes:
            d = depth[n["id"]]
            n["position"] = {"x": float(d * dx), "y": float(rows[d] * dy)}
            rows[d] += 1

    def write(self, file_name, name, description, data=None, training=None, search=None, out=OUT, blocks=None):
        """Writes the template (into out); data and training, when given, let it train out of the box."""
        self.layout()
        project = {
            "schemaVersion": 1,
            "name": name,
            "description": description,
            "graph": {
                "nodes": [{k: n[k] for k in ("id", "type", "label", "position", "params") if k in n}
                          for n in self.nodes],
                "edges": self.edges,
            },
        }
        if blocks:
            project["blocks"] = {b: BUILT_IN_BLOCKS[b] for b in blocks}
        if data:
            project["data"] = data
        if training:
            project["training"] = training
        if search:
            project["search"] = search
        with open(os.path.join(out, file_name + ".netloom"), "w") as f:
            json.dump(project, f, indent=2)
            f.write("\n")
        return file_name


def conv_bn_act(d, x, stem, filters, kernel, stride=1, act="ReLU", bias=False, groups=1):
    pad = kernel // 2
    c = d.add("Conv2d", stem, [x], filters=filters, kernel=kernel, stride=stride, padding=pad, bias=bias, groups=groups)
    b = d.add("BatchNorm", stem + "_bn", [c])
    return d.add("Activation", stem + "_act", [b], function=act) if act else b


# What keeps every template's training steady across seeds, thread counts and CPUs (bench/convergence.sh
# measures it): the learning rate warms up over the first epoch(s), so Adam's moment estimates settle
# before the full rate, and the gradients' global norm is clipped to 1, so one bad batch cannot throw
# the weights far. Divergence recovery (on by default) catches what is left.
STEADY = {"gradientClip": 1.0}

# How the small CNN reaches the published accuracy of small CNNs on Fashion-MNIST in minutes on a laptop
# (bench/fashion-mnist-quality.sh measures it).
SMALL_CNN_TRAINING = {"optimizer": "adam", "learningRate": 0.002, "schedule": "cosine", "warmupEpochs": 0.5,
                      "epochs": 15, "batchSize": 64, "threads": 2, **STEADY}

# The text templates carry no dataset; this is how they train on one (bench/convergence.sh: a
# generated 4-topic set).
TEXT_TRAINING = {"optimizer": "adam", "learningRate": 0.001, "schedule": "cosine", "warmupEpochs": 1,
                 "epochs": 10, "batchSize": 64, **STEADY}


def block(name, description, params, draw):
    """A block definition: draw(d, x) draws the layers from the block's input x ("@in") and returns
    the output node; edges from "@in" become the block's input ports."""
    d = Drawing()
    out = draw(d, "@in")
    d.edges, from_input = [e for e in d.edges if not e["from"].startswith("@in")], \
        [e["to"] for e in d.edges if e["from"].startswith("@in")]
    # One row in drawing order, as the templates read (left to right): a block is a short chain.
    for i, n in enumerate(d.nodes):
        n["position"] = {"x": float(i * 240), "y": 0.0}
    return {
        "description": description,
        "params": params,
        "inputs": {"in": from_input},
        "outputs": {"out": out + ".out"},
        "nodes": [{k: n[k] for k in ("id", "type", "label", "position", "params") if k in n} for n in d.nodes],
        "edges": d.edges,
    }


def inverted_residual(d, x, skip):
    """MobileNetV2's block: 1x1 expansion, depthwise, 1x1 linear projection; the skip variant adds its input."""
    y = conv_bn_act(d, x, "expand", "$expand", 1, act="$act")
    dw = d.add("DepthwiseConv2d", "dw", [y], kernel="$kernel", stride=1 if skip else "$stride", padding="$padding",
               bias=False)
    y = d.add("BatchNorm", "dw_bn", [dw])
    y = d.add("Activation", "dw_act", [y], function="$act")
    y = conv_bn_act(d, y, "project", "$out", 1, act=None)
    return d.add("Add", "add", [x + "->a", y + "->b"]) if skip else y


def residual_basic(d, x, down):
    """ResNet-18/34's block: two 3x3 convolutions; the down variant halves the picture and projects the shortcut."""
    y = conv_bn_act(d, x, "conv1", "$width", 3, stride="$stride" if down else 1)
    y = conv_bn_act(d, y, "conv2", "$width", 3, act=None)
    short = x
    if down:
        short = conv_bn_act(d, x, "shortcut", "$width", 1, stride="$stride", act=None)
    y = d.add("Add", "add", [short + "->a", y + "->b"])
    return d.add("Activation", "out_act", [y], function="ReLU")


def residual_bottleneck(d, x, down):
    """ResNet-50's block: 1x1 narrowing, 3x3, 1x1 widening to out (4 x mid in ResNet)."""
    y = conv_bn_act(d, x, "reduce", "$mid", 1)
    y = conv_bn_act(d, y, "conv", "$mid", 3, stride="$stride" if down else 1)
    y = conv_bn_act(d, y, "expand", "$out", 1, act=None)
    short = x
    if down:
        short = conv_bn_act(d, x, "shortcut", "$out", 1, stride="$stride", act=None)
    y = d.add("Add", "add", [short + "->a", y + "->b"])
    return d.add("Activation", "out_act", [y], function="ReLU")


def transformer_encoder(d, x):
    """A pre-norm transformer encoder drawn from its layers: attention and a two-layer MLP, each added back."""
    n1 = d.add("LayerNorm", "norm1", [x])
    att = d.add("MultiHeadSelfAttention", "attention", [n1], heads="$heads", dropout=0.0, bias=True)
    y = d.add("Add", "add1", [x + "->a", att + "->b"])
    n2 = d.add("LayerNorm", "norm2", [y])
    h = d.add("Dense", "mlp1", [n2], units="$hidden")
    h = d.add("Activation", "mlp_act", [h], function="$act")
    h = d.add("Dense", "mlp2", [h], units="$dim")
    return d.add("Add", "add2", [y + "->a", h + "->b"])


# The built-in blocks (netloom/blocks/built-in.json): a template or a project copies the ones it uses into
# its "blocks" section, so a project file is whole on its own. Squeeze-and-excitation and Hardswish
# (MobileNetV3, MBConv) wait for those layer types (issue 17): then they become a parameter here.
BUILT_IN_BLOCKS = {
    "inverted-residual": block(
        "inverted-residual", "MobileNetV2's inverted residual without a shortcut (where the stride or the "
        "channels change): 1x1 expansion, depthwise convolution, 1x1 linear projection.",
        {"expand": 96, "out": 24, "stride": 2, "kernel": 3, "padding": 1, "act": "ReLU6"},
        lambda d, x: inverted_residual(d, x, skip=False)),
    "inverted-residual-skip": block(
        "inverted-residual-skip", "MobileNetV2's inverted residual with its shortcut: the input is added to the "
        "projection, so out must equal the input's channels.",
        {"expand": 144, "out": 24, "kernel": 3, "padding": 1, "act": "ReLU6"},
        lambda d, x: inverted_residual(d, x, skip=True)),
    "residual-basic": block(
        "residual-basic", "ResNet-18/34's basic block: two 3x3 convolutions added to the input (width equals the "
        "input's channels).", {"width": 64}, lambda d, x: residual_basic(d, x, down=False)),
    "residual-basic-down": block(
        "residual-basic-down", "ResNet's basic block that changes width or halves the picture: the shortcut is a "
        "strided 1x1 convolution.", {"width": 128, "stride": 2}, lambda d, x: residual_basic(d, x, down=True)),
    "residual-bottleneck": block(
        "residual-bottleneck", "ResNet-50's bottleneck: 1x1 down to mid, 3x3, 1x1 up to out (out equals the "
        "input's channels).", {"mid": 64, "out": 256}, lambda d, x: residual_bottleneck(d, x, down=False)),
    "residual-bottleneck-down": block(
        "residual-bottleneck-down", "ResNet-50's bottleneck that changes width or halves the picture, with a "
        "strided 1x1 shortcut.", {"mid": 128, "out": 512, "stride": 2},
        lambda d, x: residual_bottleneck(d, x, down=True)),
    "transformer-encoder": block(
        "transformer-encoder", "A pre-norm transformer encoder layer from its parts: self-attention and a "
        "two-layer MLP, each added back (dim equals the sequence's width).",
        {"heads": 4, "hidden": 256, "dim": 64, "act": "GELU"}, transformer_encoder),
}


def write_blocks():
    os.makedirs(BLOCKS_OUT, exist_ok=True)
    with open(os.path.join(BLOCKS_OUT, "built-in.json"), "w") as f:
        json.dump(BUILT_IN_BLOCKS, f, indent=2)
        f.write("\n")


def token_branch(d, stem="", length=64, vocabulary=8000, dim=64):
    """Tokens -> Embedding -> learned positions: how every text branch starts."""
    prefix = stem + "_" if stem else ""
    x = d.add("Tokens", stem or "tokens", length=length, vocabulary=vocabulary)
    x = d.add("Embedding", prefix + "embed", [x], dim=dim)
    return d.add("PositionalEmbedding", prefix + "positions", [x], mode="learned")


def small_cnn():
    d = Drawing()
    x = d.add("Image", "image", height=28, width=28, channels=1)
    for i, filters in enumerate([32, 64, 64], start=1):
        x = conv_bn_act(d, x, f"conv{i}", filters, 3, bias=True)
        x = d.add("MaxPool2d", f"pool{i}", [x], kernel=2, stride=2)
    # Flatten keeps where features are (a 3x3 map), which global pooling would average away.
    x = d.add("Flatten", "flatten", [x])
    x = d.add("Dense", "fc", [x], units=64)
    x = d.add("Activation", "fc_act", [x], function="ReLU")
    x = d.add("Dropout", "dropout", [x], rate=0.3)
    d.add("Classification", "classes", [x], classes=10)
    return d.write("small-cnn", "Small CNN image classifier",
                   "Three convolution blocks and a small dense layer for 28x28 grey pictures such as Fashion-MNIST; "
                   "under 100K parameters.",
                   data={"source": "fashion-mnist"},
                   training=SMALL_CNN_TRAINING)


def mobilenet_v2():
    """Sandler et al. 2018, Table 2, width 1.0, as torchvision builds it, drawn with blocks: each stage is
    one inverted residual that changes stride or channels, then the same block with its shortcut repeated."""
    d = Drawing()
    x = d.add("Image", "image", height=224, width=224, channels=3)
    x = conv_bn_act(d, x, "stem", 32, 3, stride=2, act="ReLU6")
    # The first block (t = 1) has no expansion and is used once: drawn as layers.
    dw = d.add("DepthwiseConv2d", "b1_dw", [x], kernel=3, stride=1, padding=1, bias=False)
    y = d.add("BatchNorm", "b1_dw_bn", [dw])
    y = d.add("Activation", "b1_dw_act", [y], function="ReLU6")
    x = conv_bn_act(d, y, "b1_project", 16, 1, act=None)
    channels = 16
    for stage, (t, c, n, s) in enumerate([(6, 24, 2, 2), (6, 32, 3, 2), (6, 64, 4, 2),
                                          (6, 96, 3, 1), (6, 160, 3, 2), (6, 320, 1, 1)], start=2):
        x = d.add("Block", f"stage{stage}", [x], block="inverted-residual", expand=channels * t, out=c, stride=s)
        if n > 1:
            x = d.add("Block", f"stage{stage}_rest", [x], block="inverted-residual-skip", repeat=n - 1,
                      expand=c * t, out=c)
        channels = c
    x = conv_bn_act(d, x, "head_conv", 1280, 1, act="ReLU6")
    x = d.add("GlobalAvgPool", "gap", [x])
    x = d.add("Dropout", "dropout", [x], rate=0.2)
    d.add("Classification", "classes", [x], classes=1000)
    return d.write("mobilenet-v2", "MobileNetV2 1.0",
                   "MobileNetV2 (Sandler et al. 2018) at width 1.0 for 224x224 colour pictures and 1000 classes: "
                   "3.5M parameters, 300M multiply-adds.",
                   blocks=["inverted-residual", "inverted-residual-skip"])


def text_classifier():
    d = Drawing()
    x = token_branch(d)
    for i in (1, 2):
        x = d.add("TransformerEncoderBlock", f"encoder{i}", [x], heads=4, mlpRatio=2, dropout=0.1, activation="GELU")
    x = d.add("LayerNorm", "norm", [x])
    x = d.add("GlobalAvgPool", "pool", [x])
    d.add("Classification", "classes", [x], classes=4)
    return d.write("text-classifier", "Text classifier",
                   "Reads a short text with a two-block transformer encoder and sorts it into one of 4 classes.",
                   training=TEXT_TRAINING)


def picture_branch(d, filters):
    """Two conv-BN-ReLU stages with pooling on a 32x32 colour picture; returns the feature map."""
    img = d.add("Image", "image", height=32, width=32, channels=3)
    x = conv_bn_act(d, img, "conv1", filters[0], 3, bias=True)
    x = d.add("MaxPool2d", "pool1", [x], kernel=2, stride=2)
    x = conv_bn_act(d, x, "conv2", filters[1], 3, bias=True)
    return d.add("MaxPool2d", "pool2", [x], kernel=2, stride=2)


def look_and_answer(d, question, feature_map):
    """The question attends over the picture, both are pooled and blended by a gate, and the blend
    answers with one of Shapes QA's 9 answers (4 colours, 3 shapes, yes, no)."""
    looked = d.add("CrossAttention", "look", [question + "->query", feature_map + "->context"], heads=4,
                   variant="softmax", dropout=0.0, label="question looks at picture")
    looked = d.add("LayerNorm", "look_norm", [looked])
    text_vec = d.add("GlobalAvgPool", "q_pool", [looked])
    image_vec = d.add("GlobalAvgPool", "img_pool", [feature_map])
    fused = d.add("GatedFusion", "fusion", [text_vec + "->a", image_vec + "->b"], dim=64)
    fused = d.add("Dropout", "dropout", [fused], rate=0.1)
    d.add("Classification", "answer", [fused], classes=9)


def image_text_qa():
    d = Drawing()
    feature_map = picture_branch(d, (32, 64))
    q = token_branch(d, "question", length=16, vocabulary=200)
    q = d.add("TransformerEncoderBlock", "question_encoder", [q], heads=4, mlpRatio=2, dropout=0.1, activation="GELU")
    look_and_answer(d, q, feature_map)
    return d.write("image-text-qa", "Image + text question answering",
                   "Answers a short question about a picture: a CNN reads the picture, a transformer reads the "
                   "question, cross-attention lets the question look at the picture, and a gate blends both.",
                   data={"source": "shapes-qa", "examples": 4000},
                   training={"optimizer": "adam", "learningRate": 0.002, "schedule": "cosine", "warmupEpochs": 1,
                             "epochs": 15, "batchSize": 64, **STEADY})


def image_text_moe():
    """image-text-qa's layout with a Mixture-of-Experts layer on the question path; small enough to
    train on Shapes QA in about a minute (netloom demo trains, searches and exports it)."""
    d = Drawing()
    feature_map = picture_branch(d, (16, 32))
    q = token_branch(d, "question", length=16, vocabulary=200, dim=32)
    q = d.add("TransformerEncoderBlock", "question_encoder", [q], heads=4, mlpRatio=2, dropout=0.1, activation="GELU")
    n = d.add("LayerNorm", "question_norm", [q])
    moe = d.add("MoE", "question_moe", [n], experts=4, topK=2, hidden=64, activation="GELU",
                capacityFactor=1.25, balanceLossWeight=0.01, routerNoise=0.0, label="question experts")
    q = d.add("Add", "question_add", [q + "->a", moe + "->b"])
    look_and_answer(d, q, feature_map)
    return d.write("image-text-moe", "Image + text QA with experts",
                   "Image + text question answering with a Mixture-of-Experts layer on the question path "
                   "(4 experts, each token routed to 2): small enough to train on Shapes QA in about a minute.",
                   data={"source": "shapes-qa", "examples": 6000},
                   # One thread: the same seed gives the same numbers on a computer (netloom demo's figures).
                   training={"optimizer": "adam", "learningRate": 0.003, "schedule": "cosine", "warmupEpochs": 1,
                             "epochs": 10, "batchSize": 64, "threads": 1, **STEADY},
                   search={"parameters": [
                       {"target": "training.learningRate", "kind": "float", "low": 0.0005, "high": 0.005, "log": True},
                       {"target": "node:question_moe.hidden", "kind": "int", "low": 32, "high": 128, "step": 1,
                        "log": True}]})


def moe_transformer():
    d = Drawing()
    x = token_branch(d)
    for i in (1, 2):
        n1 = d.add("LayerNorm", f"b{i}_norm1", [x])
        att = d.add("MultiHeadSelfAttention", f"b{i}_attention", [n1], heads=4, dropout=0.0, bias=True)
        x = d.add("Add", f"b{i}_add1", [x + "->a", att + "->b"])
        n2 = d.add("LayerNorm", f"b{i}_norm2", [x])
        moe = d.add("MoE", f"b{i}_moe", [n2], experts=4, topK=2, hidden=128, activation="GELU",
                    capacityFactor=1.25, balanceLossWeight=0.01, routerNoise=0.0)
        x = d.add("Add", f"b{i}_add2", [x + "->a", moe + "->b"])
    x = d.add("LayerNorm", "norm", [x])
    x = d.add("GlobalAvgPool", "pool", [x])
    d.add("Classification", "classes", [x], classes=4)
    return d.write("moe-transformer", "MoE transformer",
                   "A two-block pre-norm transformer whose feed-forward parts are Mixture-of-Experts layers: "
                   "4 experts, each token routed to 2.",
                   training=TEXT_TRAINING)


if __name__ == "__main__":
    os.makedirs(OUT, exist_ok=True)
    write_blocks()
    names = [small_cnn(), mobilenet_v2(), text_classifier(), image_text_qa(), moe_transformer(), image_text_moe()]
    with open(os.path.join(OUT, "index.json"), "w") as f:
        json.dump(names, f, indent=2)
        f.write("\n")
    print("wrote", ", ".join(names))
