package dev.netloom.app.conformance;

import javax.imageio.ImageIO;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;

import static dev.netloom.app.conformance.ConformanceData.chain;
import static dev.netloom.app.conformance.ConformanceData.json;
import static dev.netloom.app.conformance.ConformanceData.node;
import static dev.netloom.app.conformance.ConformanceData.nodes;

/**
 * A tiny MobileNetV3-like model on 32 × 32 colour pictures (stripes, columns, spots in class
 * folders): a Hardswish stem, an inverted residual block with Squeeze-and-Excitation and a
 * Hardsigmoid gate, one whose depthwise convolution is factorised into 1x5 and 5x1, a shortcut,
 * a Hardswish head. It carries the layers issue 17 added for mobile models through training,
 * export and the bundles' examples.
 */
final class MobileConformanceData {

    private MobileConformanceData() {
    }

    static ConformanceData.Kind mobile(Path dir) throws IOException {
        Random random = new Random(3);
        for (String split : List.of("train", "held-out")) {
            int perClass = split.equals("train") ? 90 : 30;
            for (String shape : ConformanceData.SHAPES) {
                Path folder = Files.createDirectories(dir.resolve(split).resolve(shape));
                for (int i = 0; i < perClass; i++) {
                    ImageIO.write(ConformanceData.shape(shape, random, false, 32), "png",
                            folder.resolve(shape + "-" + i + ".png").toFile());
                }
            }
        }
        String bn = "\"epsilon\": 0.001";
        String graph = nodes(List.of(
                node("image", "Image", "\"height\": 32, \"width\": 32, \"channels\": 3"),
                node("stem", "Conv2d", "\"filters\": 8, \"kernel\": 3, \"stride\": 2, \"padding\": 1, \"bias\": false"),
                node("stem_bn", "BatchNorm", bn),
                node("stem_act", "Activation", "\"function\": \"Hardswish\""),
                // block 1: depthwise 3x3 stride 2, squeeze-excite, project (16x16 -> 8x8)
                node("b1_dw", "DepthwiseConv2d", "\"kernel\": 3, \"stride\": 2, \"padding\": 1, \"bias\": false"),
                node("b1_dw_bn", "BatchNorm", bn),
                node("b1_dw_act", "Activation", "\"function\": \"ReLU\""),
                node("b1_se", "SqueezeExcite", "\"squeeze\": 8, \"activation\": \"ReLU\", \"gate\": \"Hardsigmoid\""),
                node("b1_project", "Conv2d", "\"filters\": 8, \"kernel\": 1, \"padding\": 0, \"bias\": false"),
                node("b1_project_bn", "BatchNorm", bn),
                // block 2: expand, depthwise 1x5 then 5x1, squeeze-excite, project, shortcut
                node("b2_expand", "Conv2d", "\"filters\": 24, \"kernel\": 1, \"padding\": 0, \"bias\": false"),
                node("b2_expand_bn", "BatchNorm", bn),
                node("b2_expand_act", "Activation", "\"function\": \"Hardswish\""),
                node("b2_dw_row", "DepthwiseConv2d", "\"kernel\": [1, 5], \"padding\": [0, 2], \"bias\": false"),
                node("b2_dw_col", "DepthwiseConv2d", "\"kernel\": [5, 1], \"padding\": [2, 0], \"bias\": false"),
                node("b2_dw_bn", "BatchNorm", bn),
                node("b2_dw_act", "Activation", "\"function\": \"Hardswish\""),
                node("b2_se", "SqueezeExcite", "\"squeeze\": 8, \"activation\": \"ReLU\", \"gate\": \"Hardsigmoid\""),
                node("b2_project", "Conv2d", "\"filters\": 8, \"kernel\": 1, \"padding\": 0, \"bias\": false"),
                node("b2_project_bn", "BatchNorm", bn),
                node("b2_add", "Add", ""),
                node("head_conv", "Conv2d", "\"filters\": 32, \"kernel\": 1, \"padding\": 0, \"bias\": false"),
                node("head_bn", "BatchNorm", bn),
                node("head_act", "Activation", "\"function\": \"Hardswish\""),
                node("gap", "GlobalAvgPool", ""),
                node("fc", "Dense", "\"units\": 32"),
                node("fc_act", "Activation", "\"function\": \"Hardswish\""),
                node("classes", "Classification", "\"classes\": 3")),
                String.join(", ", chain("image", "stem", "stem_bn", "stem_act", "b1_dw", "b1_dw_bn", "b1_dw_act", "b1_se",
                                "b1_project", "b1_project_bn", "b2_expand", "b2_expand_bn", "b2_expand_act", "b2_dw_row",
                                "b2_dw_col", "b2_dw_bn", "b2_dw_act", "b2_se", "b2_project", "b2_project_bn"),
                        "{\"from\": \"b1_project_bn.out\", \"to\": \"b2_add.a\"}",
                        "{\"from\": \"b2_project_bn.out\", \"to\": \"b2_add.b\"}",
                        chain("b2_add", "head_conv", "head_bn", "head_act", "gap", "fc", "fc_act", "classes")));
        return new ConformanceData.Kind("mobile", graph, "{\"source\": \"image-folder\", \"folder\": \""
                + json(dir.resolve("train")) + "\", \"validationFraction\": 0.15, \"testFraction\": 0.15}",
                dir.resolve("held-out"), "{\"source\": \"image-folder\", \"folder\": \"" + json(dir.resolve("held-out"))
                + "\"}", 12);
    }
}
