package dev.netloom.train;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.pytorch.engine.PtSymbolBlock;
import ai.djl.pytorch.jni.IValueUtils;

/**
 * The classification objective and the batch's correct count in one native call: libtorch's
 * {@code cross_entropy_loss} (log-softmax and the label-smoothed NLL as two kernels, with their
 * own backward) and {@code argmax == label} summed. {@link Losses#crossEntropy} builds the same
 * objective from eight DJL operators, each a native call with its own autograd record, and
 * {@link Losses#correct} counts with four more; on a small model those calls cost as much as a
 * layer.
 */
final class FusedLoss implements AutoCloseable {

    private final PtSymbolBlock module;
    private final NDArray smoothing;

    /** Compiles the loss for a label smoothing ε; native memory belongs to {@code manager}. */
    FusedLoss(NDManager manager, float smoothing) {
        this.module = TorchScriptModule.load(manager, "FusedLoss", "fused-loss.torchscript");
        this.smoothing = manager.create(smoothing);
    }

    /**
     * The mean label-smoothed cross-entropy of logits [N, C] against class indices [N] (INT64),
     * recording gradients, and how many rows have their highest logit at the label (an INT64
     * scalar). Both arrays belong to the logits' manager.
     */
    NDList lossAndCorrect(NDArray logits, NDArray labels) {
        return IValueUtils.forward(module, new NDList(logits, labels, smoothing), true);
    }

    @Override
    public void close() {
        module.close();
        smoothing.close();
    }
}
