package dev.netloom.train.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.Shape;
import ai.djl.ndarray.types.SparseFormat;
import ai.djl.nn.convolutional.Conv1d;
import ai.djl.nn.convolutional.Conv2d;
import ai.djl.nn.core.Embedding;
import ai.djl.nn.norm.BatchNorm;
import ai.djl.nn.norm.Dropout;
import ai.djl.nn.norm.LayerNorm;
import ai.djl.nn.pooling.Pool;
import ai.djl.pytorch.engine.PtNDArray;
import ai.djl.pytorch.jni.JniUtils;
import dev.netloom.graph.TensorKind;
import dev.netloom.graph.TensorType;
import dev.netloom.graph.analysis.NodeReport;
import dev.netloom.graph.catalog.LayerType;
import dev.netloom.graph.catalog.ParamSpec;
import dev.netloom.graph.layers.Concat;
import dev.netloom.graph.layers.Pool1d;
import dev.netloom.graph.layers.TakeToken;
import dev.netloom.graph.layers.PositionalEmbedding;
import dev.netloom.graph.layers.Recurrent;
import dev.netloom.graph.layers.PerPositionHead;
import dev.netloom.graph.layers.PositionalEmbedding;
import dev.netloom.graph.layers.Upsample;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * The one place that maps a catalog layer type to how it computes: a registry keyed by
 * {@link LayerType}, built once. Adding a layer type to the catalog means adding one entry here;
 * {@code LayerModulesTest} goes over the whole catalog and fails naming a type without one.
 *
 * <p>Every module is built from the node's analysed report (its parameter values and input
 * shapes), so shapes here never need guessing. Arrays are batch first: images [N, C, H, W],
 * sequences [N, L, D], vectors [N, D], token ids [N, L] of INT64.
 */
public final class LayerModules {

    private static final Map<LayerType, Function<NodeReport, LayerModule>> FACTORIES = factories();

    private static Map<LayerType, Function<NodeReport, LayerModule>> factories() {
        Map<LayerType, Function<NodeReport, LayerModule>> f = new LinkedHashMap<>();
        // Inputs are fed by the model, not computed.
        f.put(LayerType.IMAGE, r -> LayerModule.of(List.of(), LayerCall::in));
        f.put(LayerType.TOKENS, r -> LayerModule.of(List.of(), LayerCall::in));
        f.put(LayerType.TABULAR, r -> LayerModule.of(List.of(), LayerCall::in));

        f.put(LayerType.DENSE, r -> {
            Projection p = new Projection("", r.inputs().get("in").dim(-1), intParam(r, "units"), boolParam(r, "bias"));
            return LayerModule.of(p.weights(), call -> p.apply(call, call.in()));
        });
        f.put(LayerType.DROPOUT, r -> {
            float rate = (float) doubleParam(r, "rate");
            return LayerModule.of(List.of(), call -> Dropout.dropout(call.in(), rate, call.training()).singletonOrThrow());
        });
        f.put(LayerType.ACTIVATION, r -> {
            String function = (String) r.params().get("function");
            float slope = (float) doubleParam(r, "slope");
            return LayerModule.of(List.of(), call -> Activations.apply(function, slope, call.in()));
        });
        f.put(LayerType.FLATTEN, r -> LayerModule.of(List.of(),
                call -> call.in().reshape(new Shape(call.in().getShape().get(0), -1))));
        f.put(LayerType.RESHAPE, r -> {
            List<Integer> dims = r.out().dims();
            return LayerModule.of(List.of(), call -> call.in().reshape(batchShape(call.in(), dims)));
        });
        f.put(LayerType.ADD, r -> LayerModule.of(List.of(), call -> call.input("a").add(call.input("b"))));
        f.put(LayerType.CONCAT, r -> {
            int axis = Concat.featureAxis(r.inputs().get("a")) + 1;
            return LayerModule.of(List.of(), call -> {
                NDList parts = new NDList();
                for (String port : List.of("a", "b", "c", "d")) {
                    call.optionalInput(port).ifPresent(parts::add);
                }
                return NDArrays.concat(parts, axis);
            });
        });
        // Same rank, sizes equal or 1 (the catalog checked): DJL broadcasts as PyTorch does.
        f.put(LayerType.MULTIPLY, r -> LayerModule.of(List.of(), call -> call.input("a").mul(call.input("b"))));

        f.put(LayerType.CONV1D, LayerModules::conv1d);
        f.put(LayerType.CONV2D, LayerModules::conv2d);
        f.put(LayerType.CONV_TRANSPOSE2D, LayerModules::convTranspose2d);
        f.put(LayerType.DEPTHWISE_CONV2D, LayerModules::depthwiseConv2d);
        f.put(LayerType.MAX_POOL1D, r -> pool1d(r, true));
        f.put(LayerType.MAX_POOL2D, r -> {
            Shape k = pair(r, "kernel");
            Shape s = pair(r, "stride");
            Shape p = pair(r, "padding");
            return LayerModule.of(List.of(), call -> Pool.maxPool2d(call.in(), k, s, p, false));
        });
        f.put(LayerType.AVG_POOL1D, r -> pool1d(r, false));
        f.put(LayerType.AVG_POOL2D, r -> {
            Shape k = pair(r, "kernel");
            Shape s = pair(r, "stride");
            Shape p = pair(r, "padding");
            return LayerModule.of(List.of(), call -> Pool.avgPool2d(call.in(), k, s, p, false, true));
        });
        f.put(LayerType.GLOBAL_AVG_POOL, r -> {
            boolean image = r.inputs().get("in").kind() == TensorKind.IMAGE;
            return LayerModule.of(List.of(), call -> image
                    ? call.in().reshape(new Shape(call.in().getShape().get(0), call.in().getShape().get(1), -1))
                            .mean(new int[] {2})
                    : call.in().mean(new int[] {1}));
        });
        f.put(LayerType.GLOBAL_MAX_POOL, r -> {
            boolean image = r.inputs().get("in").kind() == TensorKind.IMAGE;
            return LayerModule.of(List.of(), call -> image
                    ? call.in().reshape(new Shape(call.in().getShape().get(0), call.in().getShape().get(1), -1))
                            .max(new int[] {2})
                    : call.in().max(new int[] {1}));
        });
        f.put(LayerType.SQUEEZE_EXCITE, r -> new SqueezeExciteModule(r.inputs().get("in").dim(0), intParam(r, "squeeze"),
                (String) r.params().get("activation"), (String) r.params().get("gate")));
        f.put(LayerType.UPSAMPLE, LayerModules::upsample);

        f.put(LayerType.BATCH_NORM, r -> {
            long channels = r.inputs().get("in").dim(0);
            float epsilon = (float) doubleParam(r, "epsilon");
            // DJL's momentum is the weight of the old statistic: 0.9 is PyTorch's momentum 0.1.
            return LayerModule.of(List.of(WeightSpec.gamma("gamma", channels), WeightSpec.beta("beta", channels),
                            WeightSpec.runningMean("runningMean", channels),
                            WeightSpec.runningVariance("runningVariance", channels)),
                    call -> BatchNorm.batchNorm(call.in(), call.weight("runningMean"), call.weight("runningVariance"),
                            call.weight("gamma"), call.weight("beta"), 1, 0.9f, epsilon, call.training())
                            .singletonOrThrow());
        });
        f.put(LayerType.GROUP_NORM, r -> new GroupNormModule(r.inputs().get("in").dim(0), intParam(r, "groups"),
                (float) doubleParam(r, "epsilon")));
        f.put(LayerType.LAYER_NORM, r -> {
            long width = r.inputs().get("in").dim(-1);
            float epsilon = (float) doubleParam(r, "epsilon");
            return LayerModule.of(List.of(WeightSpec.gamma("gamma", width), WeightSpec.beta("beta", width)),
                    call -> LayerNorm.layerNorm(call.in(), new Shape(width), call.weight("gamma"), call.weight("beta"),
                            epsilon).singletonOrThrow());
        });

        f.put(LayerType.CLASS_TOKEN, r -> {
            long width = r.inputs().get("in").dim(1);
            return LayerModule.of(List.of(WeightSpec.normal("token", 0.02f, width)), call -> {
                NDArray x = call.in();
                NDArray token = call.weight("token").reshape(1, 1, width).broadcast(new Shape(x.getShape().get(0), 1, width));
                return NDArrays.concat(new NDList(token, x), 1);
            });
        });
        f.put(LayerType.EMBEDDING, r -> {
            TensorType in = r.inputs().get("in");
            long dim = intParam(r, "dim");
            return LayerModule.of(List.of(WeightSpec.normal("weight", 1f, in.vocabulary(), dim)),
                    call -> Embedding.embedding(call.in(), call.weight("weight"), SparseFormat.DENSE).singletonOrThrow());
        });
        f.put(LayerType.POSITIONAL_EMBEDDING, LayerModules::positionalEmbedding);
        f.put(LayerType.PATCH_EMBEDDING, r -> {
            TensorType in = r.inputs().get("in");
            long p = intParam(r, "patchSize");
            long dim = intParam(r, "dim");
            long fanIn = in.dim(0) * p * p;
            return LayerModule.of(List.of(WeightSpec.weight("weight", fanIn, dim, in.dim(0), p, p),
                            WeightSpec.bias("bias", fanIn, dim)),
                    call -> {
                        NDArray maps = Conv2d.conv2d(call.in(), call.weight("weight"), call.weight("bias"),
                                square(p), square(0)).singletonOrThrow();          // [N, dim, H/p, W/p]
                        long n = maps.getShape().get(0);
                        return maps.reshape(new Shape(n, dim, -1)).transpose(0, 2, 1); // [N, patches, dim]
                    });
        });
        f.put(LayerType.MULTI_HEAD_SELF_ATTENTION, r -> {
            long width = r.inputs().get("in").dim(-1);
            MultiHeadAttention attention = new MultiHeadAttention("", width, width, intParam(r, "heads"),
                    boolParam(r, "bias"), false, (float) doubleParam(r, "dropout")).causal(boolParam(r, "causal"));
            return LayerModule.of(attention.weights(), call -> attention.apply(call, call.in(), call.in()));
        });
        f.put(LayerType.TAKE_TOKEN, r -> {
            int position = TakeToken.fromFront(intParam(r, "index"), r.inputs().get("in").dim(0));
            return LayerModule.of(List.of(), call -> call.in().get(new NDIndex(":, {}", position)));
        });
        f.put(LayerType.TRANSFORMER_ENCODER_BLOCK, r -> new EncoderBlockModule(r.inputs().get("in").dim(-1),
                intParam(r, "heads"), intParam(r, "mlpRatio"), (float) doubleParam(r, "dropout"),
                (String) r.params().get("activation"), boolParam(r, "causal")));
        f.put(LayerType.CROSS_ATTENTION, LayerModules::crossAttention);
        f.put(LayerType.GATED_FUSION, r -> {
            Map<String, Long> widths = new LinkedHashMap<>();
            for (String port : List.of("a", "b", "c")) {
                Optional.ofNullable(r.inputs().get(port)).ifPresent(t -> widths.put(port, (long) t.dim(0)));
            }
            return new GatedFusionModule(widths, intParam(r, "dim"));
        });
        f.put(LayerType.GRU, LayerModules::recurrent);
        f.put(LayerType.LSTM, LayerModules::recurrent);
        f.put(LayerType.MOE, r -> new MixtureOfExpertsModule(r.inputs().get("in").dim(-1), intParam(r, "hidden"),
                intParam(r, "experts"), intParam(r, "topK"), (String) r.params().get("activation"),
                doubleParam(r, "capacityFactor"), (float) doubleParam(r, "balanceLossWeight"),
                (float) doubleParam(r, "routerNoise")));

        f.put(LayerType.CLASSIFICATION, r -> head(r, "classes"));
        f.put(LayerType.PER_POSITION_CLASSIFICATION, r -> perPositionHead(r, "classes"));
        f.put(LayerType.PER_POSITION_REGRESSION, r -> perPositionHead(r, "outputs"));
        f.put(LayerType.REGRESSION, r -> head(r, "outputs"));
        return Collections.unmodifiableMap(f);
    }

    private LayerModules() {
    }

    /** The module for an analysed node. */
    public static LayerModule forNode(NodeReport report) {
        Function<NodeReport, LayerModule> factory = FACTORIES.get(report.spec().layerType());
        if (factory == null) {
            throw new IllegalArgumentException("the training engine cannot build layer type " + report.spec().type()
                    + " yet (node " + report.node().id() + ")");
        }
        return factory.apply(report);
    }

    /** Whether a layer type can be trained. */
    public static boolean supports(LayerType type) {
        return FACTORIES.containsKey(type);
    }

    private static LayerModule recurrent(NodeReport r) {
        return new RecurrentModule(r.spec().layerType(), r.inputs().get("in").dim(1), intParam(r, "hidden"),
                Recurrent.directions(r.params()), Recurrent.returnsSequence(r.params()));
    }

    private static LayerModule conv1d(NodeReport r) {
        TensorType in = r.inputs().get("in");
        int filters = intParam(r, "filters");
        int k = intParam(r, "kernel");
        int groups = intParam(r, "groups");
        boolean bias = boolParam(r, "bias");
        long fanIn = (long) in.dim(0) / groups * k;
        List<WeightSpec> weights = new ArrayList<>();
        weights.add(WeightSpec.weight("weight", fanIn, filters, in.dim(0) / groups, k));
        if (bias) {
            weights.add(WeightSpec.bias("bias", fanIn, filters));
        }
        Shape stride = new Shape(intParam(r, "stride"));
        Shape padding = new Shape(intParam(r, "padding"));
        Shape dilation = new Shape(intParam(r, "dilation"));
        return LayerModule.of(weights, call -> Conv1d.conv1d(call.in(), call.weight("weight"),
                bias ? call.weight("bias") : null, stride, padding, dilation, groups).singletonOrThrow());
    }

    /** MaxPool1d / AvgPool1d on [N, C, L]; the global mode reduces L ([N, C]). Averages count padding, as 2-D. */
    private static LayerModule pool1d(NodeReport r, boolean max) {
        if (Pool1d.isGlobal(r.params())) {
            return LayerModule.of(List.of(), call -> max ? call.in().max(new int[] {2}) : call.in().mean(new int[] {2}));
        }
        Shape k = new Shape(intParam(r, "kernel"));
        Shape s = new Shape(intParam(r, "stride"));
        Shape p = new Shape(intParam(r, "padding"));
        return LayerModule.of(List.of(), call -> max ? Pool.maxPool1d(call.in(), k, s, p, false)
                : Pool.avgPool1d(call.in(), k, s, p, false, true));
    }

    private static LayerModule conv2d(NodeReport r) {
        TensorType in = r.inputs().get("in");
        int filters = intParam(r, "filters");
        int[] k = ParamSpec.pair(r.params().get("kernel"));
        int groups = intParam(r, "groups");
        boolean bias = boolParam(r, "bias");
        long fanIn = (long) in.dim(0) / groups * k[0] * k[1];
        List<WeightSpec> weights = new ArrayList<>();
        weights.add(WeightSpec.weight("weight", fanIn, filters, in.dim(0) / groups, k[0], k[1]));
        if (bias) {
            weights.add(WeightSpec.bias("bias", fanIn, filters));
        }
        Shape stride = pair(r, "stride");
        Shape padding = pair(r, "padding");
        Shape dilation = square(intParam(r, "dilation"));
        return LayerModule.of(weights, call -> Conv2d.conv2d(call.in(), call.weight("weight"),
                bias ? call.weight("bias") : null, stride, padding, dilation, groups).singletonOrThrow());
    }

    private static LayerModule convTranspose2d(NodeReport r) {
        long in = r.inputs().get("in").dim(0);
        int filters = intParam(r, "filters");
        int k = intParam(r, "kernel");
        boolean bias = boolParam(r, "bias");
        // PyTorch's fan-in for a transposed convolution is the weight's second dimension times the kernel.
        long fanIn = (long) filters * k * k;
        List<WeightSpec> weights = new ArrayList<>();
        weights.add(WeightSpec.weight("weight", fanIn, in, filters, k, k)); // [in, out, k, k] as PyTorch stores it
        if (bias) {
            weights.add(WeightSpec.bias("bias", fanIn, filters));
        }
        TransposedConvolution conv = new TransposedConvolution(k, intParam(r, "stride"), intParam(r, "padding"),
                intParam(r, "outputPadding"));
        return LayerModule.of(weights, call -> conv.apply(call.in(), call.weight("weight"),
                bias ? call.weight("bias") : null));
    }

    /** libtorch's interpolate at the analysed size: nearest (mode 0) or bilinear (mode 2), align_corners=False. */
    private static LayerModule upsample(NodeReport r) {
        TensorType out = r.out();
        long[] size = {out.dim(1), out.dim(2)};
        int mode = Upsample.bilinear(r.params()) ? 2 : 0;
        return LayerModule.of(List.of(), call -> JniUtils.interpolate((PtNDArray) call.in(), size, mode, false));
    }

    private static LayerModule depthwiseConv2d(NodeReport r) {
        long channels = r.inputs().get("in").dim(0);
        long out = r.out().dim(0);
        int[] k = ParamSpec.pair(r.params().get("kernel"));
        boolean bias = boolParam(r, "bias");
        List<WeightSpec> weights = new ArrayList<>();
        weights.add(WeightSpec.weight("weight", (long) k[0] * k[1], out, 1, k[0], k[1]));
        if (bias) {
            weights.add(WeightSpec.bias("bias", (long) k[0] * k[1], out));
        }
        Shape stride = pair(r, "stride");
        Shape padding = pair(r, "padding");
        Shape dilation = square(intParam(r, "dilation"));
        return LayerModule.of(weights, call -> Conv2d.conv2d(call.in(), call.weight("weight"),
                bias ? call.weight("bias") : null, stride, padding, dilation, (int) channels).singletonOrThrow());
    }

    private static LayerModule positionalEmbedding(NodeReport r) {
        TensorType in = r.inputs().get("in");
        long length = in.dim(0);
        long width = in.dim(1);
        if (r.params().get("mode").equals("learned")) {
            return LayerModule.of(List.of(WeightSpec.normal("weight", 0.02f, length, width)),
                    call -> call.in().add(call.weight("weight")));
        }
        float[] table = PositionalEmbedding.sinusoids((int) length, (int) width);
        return LayerModule.of(List.of(),
                call -> call.in().add(call.manager().create(table, new Shape(length, width))));
    }

    private static LayerModule crossAttention(NodeReport r) {
        TensorType query = r.inputs().get("query");
        TensorType context = r.inputs().get("context");
        boolean map = context.kind() == TensorKind.IMAGE;
        boolean single = query.kind() == TensorKind.VECTOR;
        long contextWidth = map ? context.dim(0) : context.dim(1);
        MultiHeadAttention attention = new MultiHeadAttention("", query.dim(-1), contextWidth, intParam(r, "heads"),
                true, r.params().get("variant").equals("linear"), (float) doubleParam(r, "dropout"));
        return LayerModule.of(attention.weights(), call -> {
            NDArray q = single ? call.input("query").expandDims(1) : call.input("query");
            NDArray c = call.input("context");
            if (map) { // [N, C, H, W] -> [N, H·W, C]: each pixel is a position
                c = c.reshape(new Shape(c.getShape().get(0), contextWidth, -1)).transpose(0, 2, 1);
            }
            NDArray out = attention.apply(call, q, c);
            return single ? out.squeeze(1) : out;
        });
    }

    private static LayerModule head(NodeReport r, String sizeParam) {
        Projection p = new Projection("", r.inputs().get("in").dim(0), intParam(r, sizeParam), true);
        return LayerModule.of(p.weights(), call -> p.apply(call, call.in()));
    }

    /** One linear layer at every position: a sequence's last axis, or a feature map's channels (moved last and back). */
    private static LayerModule perPositionHead(NodeReport r, String sizeParam) {
        TensorType in = r.inputs().get("in");
        boolean pixels = PerPositionHead.overPixels(in);
        Projection p = new Projection("", pixels ? in.dim(0) : in.dim(1), intParam(r, sizeParam), true);
        return LayerModule.of(p.weights(), call -> pixels
                ? p.apply(call, call.in().transpose(0, 2, 3, 1)).transpose(0, 3, 1, 2)
                : p.apply(call, call.in()));
    }

    private static Shape batchShape(NDArray batch, List<Integer> dims) {
        long[] shape = new long[dims.size() + 1];
        shape[0] = batch.getShape().get(0);
        for (int i = 0; i < dims.size(); i++) {
            shape[i + 1] = dims.get(i);
        }
        return new Shape(shape);
    }

    private static Shape square(long size) {
        return new Shape(size, size);
    }

    /** A size in two dimensions (3, or [1, 7]) as (height, width). */
    private static Shape pair(NodeReport r, String name) {
        int[] hw = ParamSpec.pair(r.params().get(name));
        return new Shape(hw[0], hw[1]);
    }

    private static int intParam(NodeReport r, String name) {
        return (Integer) r.params().get(name);
    }

    private static double doubleParam(NodeReport r, String name) {
        return (Double) r.params().get(name);
    }

    private static boolean boolParam(NodeReport r, String name) {
        return (Boolean) r.params().get(name);
    }
}
