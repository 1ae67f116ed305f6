package dev.netloom.train.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.Shape;

import java.util.List;

/**
 * Group normalisation as PyTorch's {@code GroupNorm} computes it: per example, the channels of
 * [N, C, H, W] are split into {@code groups}; each group is normalised by its own mean and biased
 * variance over its channels and pixels; then each channel is scaled by {@code gamma} and shifted by
 * {@code beta}. DJL has no operator for it, so it is written out here (the ONNX writer writes the
 * same steps).
 */
final class GroupNormModule implements LayerModule {

    private final long channels;
    private final int groups;
    private final float epsilon;

    GroupNormModule(long channels, int groups, float epsilon) {
        this.channels = channels;
        this.groups = groups;
        this.epsilon = epsilon;
    }

    @Override
    public List<WeightSpec> weights() {
        return List.of(WeightSpec.gamma("gamma", channels), WeightSpec.beta("beta", channels));
    }

    @Override
    public NDArray forward(LayerCall call) {
        NDArray x = call.in();
        Shape shape = x.getShape();
        NDArray grouped = x.reshape(new Shape(shape.get(0), groups, -1));
        NDArray centred = grouped.sub(grouped.mean(new int[] {2}, true));
        NDArray variance = centred.square().mean(new int[] {2}, true);
        NDArray normalised = centred.div(variance.add(epsilon).sqrt()).reshape(shape);
        Shape perChannel = new Shape(channels, 1, 1);
        return normalised.mul(call.weight("gamma").reshape(perChannel)).add(call.weight("beta").reshape(perChannel));
    }
}
