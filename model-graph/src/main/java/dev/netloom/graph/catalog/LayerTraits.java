package dev.netloom.graph.catalog;

import java.util.Objects;

/**
 * What a layer type is at inference, apart from its shapes and costs: the facts the estimator,
 * the exporter and the quantizers used to keep as their own lists of type names. Every
 * {@link LayerSpec} declares its traits in its constructor, so a new layer type states them
 * once and every module reads them from the spec.
 *
 * @param free no work at inference: an input the caller feeds, or a view or no-op (dropout, reshape, flatten)
 * @param fusable folded into the layer before it by the runtimes the studio targets (a BatchNorm into a
 *                convolution's weights, a simple activation into its loop) when that layer feeds only it;
 *                {@link LayerSpec#fusable} may narrow this by parameter value
 * @param fusesFollowers a producer a fusable layer can be folded into (convolutions, dense layers)
 * @param weights how its trainable weights, if it has any, are used
 */
public record LayerTraits(boolean free, boolean fusable, boolean fusesFollowers, WeightUse weights) {

    /** An input or a view: no work, no weights. */
    public static final LayerTraits FREE = new LayerTraits(true, false, false, WeightUse.NONE);

    public LayerTraits {
        Objects.requireNonNull(weights, "weights");
        if (free && (fusable || fusesFollowers || weights != WeightUse.NONE)) {
            throw new IllegalArgumentException("a free layer does no work: it has no weights and takes part in no fusion");
        }
    }

    /** A layer that does work, with weights used as {@code weights} ({@link WeightUse#NONE} for none). */
    public static LayerTraits computing(WeightUse weights) {
        return new LayerTraits(false, false, false, weights);
    }

    /** The same traits, folded into the layer before it. */
    public LayerTraits foldingIntoProducer() {
        return new LayerTraits(free, true, fusesFollowers, weights);
    }

    /** The same traits, taking in a fusable layer after it. */
    public LayerTraits takingInFollowers() {
        return new LayerTraits(free, fusable, true, weights);
    }

    /** Whether the type can have trainable weights (a positional embedding has them in its learned mode only). */
    public boolean hasWeights() {
        return weights != WeightUse.NONE;
    }

    /** Whether its weights are stored at the layer's precision rather than kept at full precision. */
    public boolean quantizable() {
        return weights.quantizable();
    }
}
