package dev.netloom.train.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.Shape;

import java.util.ArrayList;
import java.util.List;

/**
 * Squeeze-and-Excitation as torchvision's {@code SqueezeExcitation}: average each channel of
 * [N, C, H, W] to [N, C], reduce to {@code squeeze} features ({@code reduce.weight},
 * {@code reduce.bias}) and apply the activation, expand back to C ({@code expand.*}), turn into a
 * gate (Sigmoid or Hardsigmoid) and scale every pixel of each channel by it. The 1x1 convolutions
 * on a 1x1 map are matrix products, stored (out, in) as every projection is.
 */
final class SqueezeExciteModule implements LayerModule {

    private final Projection reduce;
    private final Projection expand;
    private final String activation;
    private final String gate;

    SqueezeExciteModule(long channels, long squeeze, String activation, String gate) {
        this.reduce = new Projection("reduce", channels, squeeze, true);
        this.expand = new Projection("expand", squeeze, channels, true);
        this.activation = activation;
        this.gate = gate;
    }

    @Override
    public List<WeightSpec> weights() {
        List<WeightSpec> w = new ArrayList<>(reduce.weights());
        w.addAll(expand.weights());
        return w;
    }

    @Override
    public NDArray forward(LayerCall call) {
        NDArray x = call.in();
        Shape shape = x.getShape();
        NDArray summary = x.reshape(new Shape(shape.get(0), shape.get(1), -1)).mean(new int[] {2}); // [N, C]
        NDArray scores = expand.apply(call, Activations.apply(activation, reduce.apply(call, summary)));
        NDArray weights = Activations.apply(gate, scores); // [N, C] in [0, 1]
        return x.mul(weights.reshape(new Shape(shape.get(0), shape.get(1), 1, 1)));
    }
}
