#!/usr/bin/env python3
"""Writes the graphs of the models in the published latency tables (bench/published-latency.csv)
into this folder, drawn with the template tool's Drawing (resources/tools/make-templates.py), as
torchvision / the papers build them: ResNet-18 and ResNet-50 (He et al. 2016), VGG-16 (Simonyan &
Zisserman 2015), MobileNet v1 1.0 (Howard et al. 2017). MobileNetV2 is the shipped template.
model-graph's cost model must give their published parameter counts (DeviceCatalog tests check).

    python3 bench/graphs/make-published-graphs.py
"""
import importlib.util
import os

HERE = os.path.dirname(os.path.abspath(__file__))
spec = importlib.util.spec_from_file_location(
    "make_templates", os.path.join(HERE, "..", "..", "resources", "tools", "make-templates.py"))
templates = importlib.util.module_from_spec(spec)
spec.loader.exec_module(templates)
Drawing, conv_bn_act = templates.Drawing, templates.conv_bn_act


def head(d, x, classes=1000):
    x = d.add("GlobalAvgPool", "gap", [x])
    d.add("Classification", "classes", [x], classes=classes)


def resnet(name, title, blocks, bottleneck):
    d = Drawing()
    x = d.add("Image", "image", height=224, width=224, channels=3)
    x = conv_bn_act(d, x, "stem", 64, 7, stride=2)
    x = d.add("MaxPool2d", "stem_pool", [x], kernel=3, stride=2, padding=1)
    channels = 64
    block = 0
    for stage, (width, count) in enumerate(zip([64, 128, 256, 512], blocks)):
        for i in range(count):
            block += 1
            stride = 2 if stage > 0 and i == 0 else 1
            out = width * 4 if bottleneck else width
            b = f"b{block}"
            if bottleneck:
                y = conv_bn_act(d, x, b + "_reduce", width, 1)
                y = conv_bn_act(d, y, b + "_conv", width, 3, stride=stride)
                y = conv_bn_act(d, y, b + "_expand", out, 1, act=None)
            else:
                y = conv_bn_act(d, x, b + "_conv1", width, 3, stride=stride)
                y = conv_bn_act(d, y, b + "_conv2", width, 3, act=None)
            shortcut = x
            if stride != 1 or channels != out:
                shortcut = conv_bn_act(d, x, b + "_down", out, 1, stride=stride, act=None)
            y = d.add("Add", b + "_add", [shortcut + "->a", y + "->b"])
            x = d.add("Activation", b + "_act", [y], function="ReLU")
            channels = out
    head(d, x)
    return d.write(name, title, title + " for 224x224 colour pictures and 1000 classes, as torchvision builds it; "
                   "for the published latency tables (bench/published-latency.csv).", out=HERE)


def vgg16():
    d = Drawing()
    x = d.add("Image", "image", height=224, width=224, channels=3)
    layer = 0
    for stage, (width, count) in enumerate([(64, 2), (128, 2), (256, 3), (512, 3), (512, 3)], start=1):
        for _ in range(count):
            layer += 1
            x = d.add("Conv2d", f"conv{layer}", [x], filters=width, kernel=3, padding=1)
            x = d.add("Activation", f"conv{layer}_act", [x], function="ReLU")
        x = d.add("MaxPool2d", f"pool{stage}", [x], kernel=2, stride=2)
    x = d.add("Flatten", "flatten", [x])
    for i in (1, 2):
        x = d.add("Dense", f"fc{i}", [x], units=4096)
        x = d.add("Activation", f"fc{i}_act", [x], function="ReLU")
    d.add("Classification", "classes", [x], classes=1000)
    return d.write("vgg-16", "VGG-16", "VGG-16 (configuration D) for 224x224 colour pictures and 1000 classes; "
                   "for the published latency tables (bench/published-latency.csv).", out=HERE)


def mobilenet_v1():
    d = Drawing()
    x = d.add("Image", "image", height=224, width=224, channels=3)
    x = conv_bn_act(d, x, "stem", 32, 3, stride=2)
    for i, (out, stride) in enumerate([(64, 1), (128, 2), (128, 1), (256, 2), (256, 1), (512, 2), (512, 1), (512, 1),
                                       (512, 1), (512, 1), (512, 1), (1024, 2), (1024, 1)], start=1):
        y = d.add("DepthwiseConv2d", f"b{i}_dw", [x], kernel=3, stride=stride, padding=1, bias=False)
        y = d.add("BatchNorm", f"b{i}_dw_bn", [y])
        y = d.add("Activation", f"b{i}_dw_act", [y], function="ReLU")
        x = conv_bn_act(d, y, f"b{i}_pw", out, 1)
    head(d, x)
    return d.write("mobilenet-v1", "MobileNet v1 1.0", "MobileNet v1 (Howard et al. 2017) at width 1.0 for 224x224 "
                   "colour pictures and 1000 classes; for the published latency tables (bench/published-latency.csv).",
                   out=HERE)


if __name__ == "__main__":
    names = [resnet("resnet-18", "ResNet-18", [2, 2, 2, 2], False), resnet("resnet-50", "ResNet-50", [3, 4, 6, 3], True),
             vgg16(), mobilenet_v1()]
    print("wrote", ", ".join(names))
