package dev.netloom.train;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.pytorch.engine.PtNDArray;
import ai.djl.pytorch.engine.PtSymbolBlock;
import ai.djl.pytorch.jni.IValue;
import ai.djl.pytorch.jni.IValueUtils;

import java.util.List;

/**
 * Adam and AdamW over every weight of a model in one native call: libtorch's fused kernels
 * ({@code torch._fused_adam_} / {@code _fused_adamw_}, one vectorised pass over each weight,
 * its gradient and its two moments), then the gradients zeroed, the same as PyTorch's
 * {@code torch.optim.Adam(fused=True)}.
 *
 * <p>Why: DJL's per-weight {@code adamUpdate} clones the gradient and makes four more temporary
 * arrays per weight; with a duplicate of the gradient made by DJL's parameter server and a
 * separate call to zero it, the optimiser took about as long as the forward pass of a small MLP.
 * libtorch reaches these kernels only through TorchScript, so this class compiles a two-line
 * TorchScript module (the resource {@code fused-step.torchscript}, see {@link TorchScriptModule})
 * once per run.
 *
 * <p>The update is PyTorch's: {@code w -= lr/(1-β1^t) · m / (sqrt(v)/sqrt(1-β2^t) + ε)}. DJL's
 * puts ε inside the bias correction instead; the two differ by at most ε-relative amounts.
 */
final class FusedAdam implements AutoCloseable {

    private final PtSymbolBlock module;

    /** Compiles the fused step in libtorch; its native memory belongs to {@code manager}. */
    FusedAdam(NDManager manager) {
        module = TorchScriptModule.load(manager, "FusedStep", "fused-step.torchscript");
    }

    /**
     * One update of every weight given, from its gradient; zeroes the gradients.
     *
     * @param step the update count t, from 1 (bias correction)
     * @param decoupled AdamW's decoupled weight decay instead of Adam's L2 term
     */
    void update(List<NDArray> weights, List<NDArray> gradients, List<NDArray> first, List<NDArray> second, int step,
                float learningRate, float beta1, float beta2, float weightDecay, float epsilon, boolean decoupled) {
        IValue[] args = {
            list(weights), list(gradients), list(first), list(second), IValue.from((double) step),
            IValue.from((double) learningRate), IValue.from((double) beta1), IValue.from((double) beta2),
            IValue.from((double) weightDecay), IValue.from((double) epsilon), IValue.from(decoupled)};
        try {
            IValueUtils.runMethod(module, "forward", args).close();
        } finally {
            for (IValue a : args) {
                a.close();
            }
        }
    }

    private static IValue list(List<NDArray> arrays) {
        return IValue.listFrom(arrays.stream().map(a -> (PtNDArray) a).toArray(PtNDArray[]::new));
    }

    @Override
    public void close() {
        module.close();
    }
}
