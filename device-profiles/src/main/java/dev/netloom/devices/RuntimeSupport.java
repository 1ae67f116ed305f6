package dev.netloom.devices;

/**
 * A runtime that runs models on the device.
 *
 * @param name for example {@code ONNX Runtime}, {@code LiteRT}, {@code TFLite Micro}
 * @param onnxOpset the ONNX opset a model must use for this runtime (or for the converter in
 *     front of it); 21 unless the runtime is older
 * @param opsetReason why that opset, in one sentence
 * @param runsOnnxDirectly false when the bundle's ONNX file has to be converted first (Core ML,
 *     LiteRT, microcontroller toolchains)
 * @param foldsSubByteWeights true when 2-bit and 1-bit weights are widened to FP32 when the model
 *     loads (ONNX Runtime does: docs/recipes.md), so they save storage but not RAM
 * @param weightsStayInStorage true when weights are read in place from flash and need no RAM
 *     (microcontroller runtimes execute models from flash)
 * @param integerActivations true when INT8 models run fully in integers, activations included
 *     (TFLite Micro, ESP-DL, X-CUBE-AI); false when activations stay FP32 between operators
 *     (ONNX Runtime's dynamic quantization)
 * @param perOperatorOverheadUs the fixed cost of launching one operator, in microseconds
 * @param note anything else a person should know, for example that conversion is needed
 * @param perPredictionOverheadUs the fixed cost of one call into the runtime, in microseconds:
 *     binding the inputs, starting the run, handing the outputs back (0 where not measured)
 */
public record RuntimeSupport(String name, int onnxOpset, String opsetReason, boolean runsOnnxDirectly,
                             boolean foldsSubByteWeights, boolean weightsStayInStorage,
                             boolean integerActivations, Figure perOperatorOverheadUs, String note,
                             Figure perPredictionOverheadUs) {

    /** A runtime without a measured per-prediction cost (every shipped profile but this computer's). */
    public RuntimeSupport(String name, int onnxOpset, String opsetReason, boolean runsOnnxDirectly,
                          boolean foldsSubByteWeights, boolean weightsStayInStorage,
                          boolean integerActivations, Figure perOperatorOverheadUs, String note) {
        this(name, onnxOpset, opsetReason, runsOnnxDirectly, foldsSubByteWeights, weightsStayInStorage,
                integerActivations, perOperatorOverheadUs, note, Figure.derived(0, "not measured for this runtime"));
    }
}
