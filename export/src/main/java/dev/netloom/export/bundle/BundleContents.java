package dev.netloom.export.bundle;

import dev.netloom.devices.ExampleFamily;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Everything {@link BundleWriter} needs to write a bundle: the ONNX model, the text files, and
 * every manifest field except the ones the writer works out itself (file sizes and checksums,
 * {@code sizes.modelBytes}, {@code sizes.bundleBytes}).
 *
 * @param onnx        the ONNX model's bytes (copied in and out: the record stays immutable)
 * @param model       what the model is and where it came from
 * @param device      the device the bundle is for
 * @param runtime     the ONNX Runtime releases it supports and the tolerance they agree within
 * @param precision   the precision requested and chosen per layer
 * @param inputs      the model's inputs, in ONNX order, with their preprocessing
 * @param outputs     the model's outputs
 * @param labels      class names in output order, written to {@code labels.txt} and the manifest
 * @param vocab       tokens in id order, written to {@code vocab.txt}; empty when the model reads no text
 * @param weightBytes bytes the weights take inside the model, scales included
 * @param estimate    the device estimator's numbers
 * @param parity      the parity check against the trained model
 * @param accuracy    measured accuracy, or {@link Manifest.Accuracy#notMeasured why not}
 * @param example     which runnable example (and README run section) to write
 */
public record BundleContents(byte[] onnx, Manifest.Model model, Manifest.Device device, Manifest.Runtime runtime,
                             Manifest.PrecisionPlan precision,
                             List<Manifest.TensorSpec> inputs, List<Manifest.TensorSpec> outputs, List<String> labels,
                             List<String> vocab, long weightBytes, Manifest.Estimate estimate, Manifest.Parity parity,
                             Manifest.Accuracy accuracy, ExampleFamily example) {

    public BundleContents {
        onnx = Objects.requireNonNull(onnx, "onnx").clone();
        vocab = List.copyOf(vocab);
        vocab.forEach(Manifest::checkLine);
        Objects.requireNonNull(example, "example");
        // Everything else is checked by building the manifest now, so a bad field fails here and not halfway through writing.
        draftManifest(onnx, model, device, runtime, precision, inputs, outputs, labels, weightBytes, estimate, parity, accuracy);
        inputs = List.copyOf(inputs);
        outputs = List.copyOf(outputs);
        labels = List.copyOf(labels);
    }

    /** The model's bytes (a copy). */
    @Override
    public byte[] onnx() {
        return onnx.clone();
    }

    /** The manifest without files: what the writer completes once the files are on disk. */
    public Manifest manifest() {
        return draftManifest(onnx, model, device, runtime, precision, inputs, outputs, labels, weightBytes, estimate, parity,
                accuracy);
    }

    /** Whether the model reads text, so the bundle carries {@code vocab.txt}. */
    public boolean readsText() {
        return !vocab.isEmpty();
    }

    private static Manifest draftManifest(byte[] onnx, Manifest.Model model, Manifest.Device device,
                                          Manifest.Runtime runtime, Manifest.PrecisionPlan precision, List<Manifest.TensorSpec> inputs,
                                          List<Manifest.TensorSpec> outputs, List<String> labels, long weightBytes,
                                          Manifest.Estimate estimate, Manifest.Parity parity, Manifest.Accuracy accuracy) {
        return new Manifest(Manifest.FORMAT_VERSION, model, device, runtime, precision, inputs, outputs, labels,
                new Manifest.Sizes(onnx.length, weightBytes, null), estimate, parity, accuracy, Map.of());
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof BundleContents c && java.util.Arrays.equals(onnx, c.onnx) && model.equals(c.model)
                && device.equals(c.device) && runtime.equals(c.runtime) && precision.equals(c.precision) && inputs.equals(c.inputs)
                && outputs.equals(c.outputs) && labels.equals(c.labels) && vocab.equals(c.vocab)
                && weightBytes == c.weightBytes && estimate.equals(c.estimate) && parity.equals(c.parity)
                && accuracy.equals(c.accuracy) && example == c.example;
    }

    @Override
    public int hashCode() {
        return Objects.hash(java.util.Arrays.hashCode(onnx), model, device, runtime, precision, inputs, outputs, labels, vocab,
                weightBytes, estimate, parity, accuracy, example);
    }

    @Override
    public String toString() {
        return "BundleContents[" + model.name() + " " + model.version() + " for " + device.id() + ", "
                + onnx.length + " bytes of ONNX, " + example.id() + "]";
    }
}
