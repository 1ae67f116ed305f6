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


def ds_cnn_s():
    """DS-CNN-S of Hello Edge (Zhang et al. 2017, arXiv:1711.07128; ARM ML-KWS-for-MCU): a first
    convolution of 64 filters with stride 2, four depthwise-separable blocks of 64 channels, global
    average pooling and 12 classes (10 keywords, silence, unknown). The paper reads 49x10 MFCC with a
    10x4 first kernel (~24K parameters, 5.4M operations); this template reads a 40-mel log-mel
    spectrogram of 49 frames ([1, 40, 49]: mels high, frames wide; 1 s at a 40 ms window and 20 ms hop)
    and, with square kernels only, a 4x4 first kernel: 21,644 parameters, 9.46M multiply-adds."""
    d = Drawing()
    x = d.add("Image", "spectrogram", height=40, width=49, channels=1, label="log-mel 40 x 49")
    x = d.add("Conv2d", "conv1", [x], filters=64, kernel=4, stride=2, padding=1, bias=False)
    x = d.add("BatchNorm", "conv1_bn", [x])
    x = d.add("Activation", "conv1_act", [x], function="ReLU")
    for i in range(1, 5):
        x = d.add("DepthwiseConv2d", f"ds{i}_dw", [x], kernel=3, stride=1, padding=1, bias=False)
        x = d.add("BatchNorm", f"ds{i}_dw_bn", [x])
        x = d.add("Activation", f"ds{i}_dw_act", [x], function="ReLU")
        x = conv_bn_act(d, x, f"ds{i}_pw", 64, 1)
    x = d.add("GlobalAvgPool", "gap", [x])
    x = d.add("Dropout", "dropout", [x], rate=0.2)
    d.add("Classification", "keywords", [x], classes=12)
    return d.write("ds-cnn-s", "Keyword spotting (DS-CNN-S)",
                   "Hello Edge's small depthwise-separable CNN for spotting 10 spoken keywords plus silence and "
                   "unknown in 1 s of audio, read as a 40 x 49 log-mel spectrogram: about 22K parameters.",
                   training={"optimizer": "adam", "learningRate": 0.002, "schedule": "cosine", "warmupEpochs": 1,
                             "epochs": 20, "batchSize": 64, **STEADY})
def make_divisible(v, divisor=8):
    """torchvision's _make_divisible: the nearest multiple of 8, never more than 10% below v."""
    new_v = max(divisor, int(v + divisor / 2) // divisor * divisor)
    return new_v + divisor if new_v < 0.9 * v else new_v


def mobilenet_v3_small():
    """Howard et al. 2019, Table 2, as torchvision's mobilenet_v3_small builds it (width 1.0): BatchNorm eps
    1e-3, Squeeze-and-Excitation with ReLU and a Hardsigmoid gate squeezed to make_divisible(expanded / 4)."""
    d = Drawing()
    bn = {"epsilon": 0.001}
    x = d.add("Image", "image", height=224, width=224, channels=3)

    def conv(x, stem, filters, kernel, stride=1, act=None, depthwise=False):
        pad = (kernel - 1) // 2
        if depthwise:
            x = d.add("DepthwiseConv2d", stem, [x], kernel=kernel, stride=stride, padding=pad, bias=False)
        else:
            x = d.add("Conv2d", stem, [x], filters=filters, kernel=kernel, stride=stride, padding=pad, bias=False)
        x = d.add("BatchNorm", stem + "_bn", [x], **bn)
        return d.add("Activation", stem + "_act", [x], function=act) if act else x

    x = conv(x, "stem", 16, 3, stride=2, act="Hardswish")
    channels = 16
    # input, kernel, expanded, output, squeeze-excite, activation, stride
    for block, (inp, k, exp, out, se, act, stride) in enumerate([
            (16, 3, 16, 16, True, "ReLU", 2), (16, 3, 72, 24, False, "ReLU", 2), (24, 3, 88, 24, False, "ReLU", 1),
            (24, 5, 96, 40, True, "Hardswish", 2), (40, 5, 240, 40, True, "Hardswish", 1),
            (40, 5, 240, 40, True, "Hardswish", 1), (40, 5, 120, 48, True, "Hardswish", 1),
            (48, 5, 144, 48, True, "Hardswish", 1), (48, 5, 288, 96, True, "Hardswish", 2),
            (96, 5, 576, 96, True, "Hardswish", 1), (96, 5, 576, 96, True, "Hardswish", 1)], start=1):
        assert inp == channels
        y = x
        if exp != inp:
            y = conv(y, f"b{block}_expand", exp, 1, act=act)
        y = conv(y, f"b{block}_dw", exp, k, stride=stride, act=act, depthwise=True)
        if se:
            y = d.add("SqueezeExcite", f"b{block}_se", [y], squeeze=make_divisible(exp // 4), activation="ReLU",
                      gate="Hardsigmoid")
        y = conv(y, f"b{block}_project", out, 1)
        if stride == 1 and inp == out:
            y = d.add("Add", f"b{block}_add", [x + "->a", y + "->b"])
        x = y
        channels = out
    x = conv(x, "head_conv", 6 * channels, 1, act="Hardswish")
    x = d.add("GlobalAvgPool", "gap", [x])
    x = d.add("Dense", "fc", [x], units=1024)
    x = d.add("Activation", "fc_act", [x], function="Hardswish")
    x = d.add("Dropout", "dropout", [x], rate=0.2)
    d.add("Classification", "classes", [x], classes=1000)
    return d.write("mobilenet-v3-small", "MobileNetV3-Small",
                   "MobileNetV3-Small (Howard et al. 2019) at width 1.0 for 224x224 colour pictures and 1000 classes, "
                   "as torchvision builds it: 2.5M parameters, 56M multiply-adds; hard-swish, squeeze-and-excite.")


def efficientnet_b0():
    """Tan and Le 2019, Table 1, as torchvision's efficientnet_b0 builds it: SiLU, BatchNorm eps 1e-3,
    Squeeze-and-Excitation with SiLU and a Sigmoid gate squeezed to a quarter of the block's input. Stochastic
    depth (a training-time drop of residual branches) is not drawn: at inference it is the identity."""
    d = Drawing()
    bn = {"epsilon": 0.001}
    x = d.add("Image", "image", height=224, width=224, channels=3)

    def conv(x, stem, filters, kernel, stride=1, act="SiLU", depthwise=False):
        pad = (kernel - 1) // 2
        if depthwise:
            x = d.add("DepthwiseConv2d", stem, [x], kernel=kernel, stride=stride, padding=pad, bias=False)
        else:
            x = d.add("Conv2d", stem, [x], filters=filters, kernel=kernel, stride=stride, padding=pad, bias=False)
        x = d.add("BatchNorm", stem + "_bn", [x], **bn)
        return d.add("Activation", stem + "_act", [x], function=act) if act else x

    x = conv(x, "stem", 32, 3, stride=2)
    channels = 32
    block = 0
    # expand ratio, kernel, stride, output, layers
    for t, k, s, out, n in [(1, 3, 1, 16, 1), (6, 3, 2, 24, 2), (6, 5, 2, 40, 2), (6, 3, 2, 80, 3),
                            (6, 5, 1, 112, 3), (6, 5, 2, 192, 4), (6, 3, 1, 320, 1)]:
        for i in range(n):
            block += 1
            stride = s if i == 0 else 1
            exp = make_divisible(channels * t)
            y = x
            if exp != channels:
                y = conv(y, f"b{block}_expand", exp, 1)
            y = conv(y, f"b{block}_dw", exp, k, stride=stride, depthwise=True)
            y = d.add("SqueezeExcite", f"b{block}_se", [y], squeeze=max(1, channels // 4), activation="SiLU",
                      gate="Sigmoid")
            y = conv(y, f"b{block}_project", out, 1, act=None)
            if stride == 1 and channels == out:
                y = d.add("Add", f"b{block}_add", [x + "->a", y + "->b"])
            x = y
            channels = out
    x = conv(x, "head_conv", 4 * channels, 1)
    x = d.add("GlobalAvgPool", "gap", [x])
    x = d.add("Dropout", "dropout", [x], rate=0.2)
    d.add("Classification", "classes", [x], classes=1000)
    return d.write("efficientnet-b0", "EfficientNet-B0",
                   "EfficientNet-B0 (Tan and Le 2019) for 224x224 colour pictures and 1000 classes, as torchvision "
                   "builds it: 5.3M parameters, 0.39G multiply-adds; SiLU, squeeze-and-excite in every block.")


def resnet18():
    """He et al. 2016, Table 1 (18 layers, basic blocks), as torchvision's resnet18 builds it."""
    d = Drawing()
    x = d.add("Image", "image", height=224, width=224, channels=3)
    x = conv_bn_act(d, x, "stem", 64, 7, stride=2)
    x = d.add("MaxPool2d", "stem_pool", [x], kernel=3, stride=2, padding=1)
    channels = 64
    block = 0
    for stage, width in enumerate([64, 128, 256, 512], start=1):
        for i in range(2):
            block += 1
            stride = 2 if stage > 1 and i == 0 else 1
            y = conv_bn_act(d, x, f"b{block}_conv1", width, 3, stride=stride)
            y = conv_bn_act(d, y, f"b{block}_conv2", width, 3, act=None)
            shortcut = x
            if stride != 1 or channels != width:
                shortcut = conv_bn_act(d, x, f"b{block}_down", width, 1, stride=stride, act=None)
            y = d.add("Add", f"b{block}_add", [shortcut + "->a", y + "->b"])
            x = d.add("Activation", f"b{block}_act", [y], function="ReLU")
            channels = width
    x = d.add("GlobalAvgPool", "gap", [x])
    d.add("Classification", "classes", [x], classes=1000)
    return d.write("resnet-18", "ResNet-18",
                   "ResNet-18 (He et al. 2016) for 224x224 colour pictures and 1000 classes, as torchvision builds it: "
                   "11.7M parameters, 1.8G multiply-adds; residual shortcuts around pairs of 3x3 convolutions.")
def unet_segmentation():
    """A small U-Net (Ronneberger et al. 2015), three levels at 64x64: each level's features skip across
    to the decoder through Concat; one way up is a transposed convolution, the other an upsampling
    followed by a convolution, so both decoders are drawn."""
    d = Drawing()
    x = d.add("Image", "image", height=64, width=64, channels=3)
    e1 = conv_bn_act(d, conv_bn_act(d, x, "enc1a", 16, 3), "enc1b", 16, 3)
    x = d.add("MaxPool2d", "down1", [e1], kernel=2, stride=2)
    e2 = conv_bn_act(d, conv_bn_act(d, x, "enc2a", 32, 3), "enc2b", 32, 3)
    x = d.add("MaxPool2d", "down2", [e2], kernel=2, stride=2)
    x = conv_bn_act(d, conv_bn_act(d, x, "mid_a", 64, 3), "mid_b", 64, 3)
    x = d.add("ConvTranspose2d", "up2", [x], filters=32, kernel=2, stride=2, padding=0, outputPadding=0, bias=True)
    x = d.add("Concat", "skip2", [e2 + "->a", x + "->b"])
    x = conv_bn_act(d, conv_bn_act(d, x, "dec2a", 32, 3), "dec2b", 32, 3)
    x = d.add("Upsample", "up1", [x], scale=2, mode="bilinear")
    x = conv_bn_act(d, x, "up1_conv", 16, 3)
    x = d.add("Concat", "skip1", [e1 + "->a", x + "->b"])
    x = conv_bn_act(d, conv_bn_act(d, x, "dec1a", 16, 3), "dec1b", 16, 3)
    d.add("PerPositionClassification", "mask", [x], classes=2)
    return d.write("unet-segmentation", "Small U-Net segmentation",
                   "Labels every pixel of a 64x64 picture (segmentation): a three-level U-Net whose encoder "
                   "features skip across to the decoder. Train it on a folder of pictures with masks "
                   "(data source segmentation-folder).",
                   training={"optimizer": "adam", "learningRate": 0.003, "schedule": "cosine", "warmupEpochs": 1,
                             "epochs": 20, "batchSize": 16, **STEADY})


if __name__ == "__main__":
    os.makedirs(OUT, exist_ok=True)
    write_blocks()
    names = [small_cnn(), mobilenet_v2(), text_classifier(), image_text_qa(), moe_transformer(), image_text_moe(),
             ds_cnn_s(), mobilenet_v3_small(), efficientnet_b0(), resnet18(), unet_segmentation()]
    with open(os.path.join(OUT, "index.json"), "w") as f:
        json.dump(names, f, indent=2)
        f.write("\n")
    print("wrote", ", ".join(names))
