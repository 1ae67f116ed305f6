package dev.netloom.export.verify;

import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OnnxValue;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import dev.netloom.export.ExportException;
import dev.netloom.graph.artifact.Tensor;

import java.nio.FloatBuffer;
import java.nio.LongBuffer;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * An ONNX model loaded in ONNX Runtime (Java), run on named tensors. Loading it is itself a check:
 * ONNX Runtime refuses what the ONNX checker refuses and more. Sessions use ONNX Runtime's
 * default settings, as a user's code would: a bundle needs no session option to compute right.
 */
public final class OnnxSession implements AutoCloseable {

    private final OrtEnvironment env = OrtEnvironment.getEnvironment();
    private final OrtSession session;

    private OnnxSession(OrtSession session) {
        this.session = session;
    }

    /** The ONNX Runtime this code runs models in, in words, e.g. {@code ONNX Runtime (Java) 1.23.2}. */
    public static String runtimeName() {
        return "ONNX Runtime (Java) " + OrtEnvironment.getEnvironment().getVersion();
    }

    /** Loads a model; a model ONNX Runtime refuses becomes an {@link ExportException} with its reason. */
    public static OnnxSession open(byte[] model, int threads) {
        OrtEnvironment env = OrtEnvironment.getEnvironment();
        try (OrtSession.SessionOptions options = new OrtSession.SessionOptions()) {
            options.setIntraOpNumThreads(Math.max(1, threads));
            options.setInterOpNumThreads(1);
            return new OnnxSession(env.createSession(model, options));
        } catch (OrtException e) {
            throw new ExportException("ONNX Runtime refused the model: " + firstLine(e.getMessage()), e);
        }
    }

    /** Runs the model on inputs by name (float32 or int64, batch first); returns every output by name. */
    public Map<String, Tensor> run(Map<String, Tensor> inputs) {
        Map<String, OnnxTensor> feeds = new LinkedHashMap<>();
        try {
            for (Map.Entry<String, Tensor> e : inputs.entrySet()) {
                Tensor t = e.getValue();
                feeds.put(e.getKey(), t.floats() != null
                        ? OnnxTensor.createTensor(env, FloatBuffer.wrap(t.floats()), t.shape())
                        : OnnxTensor.createTensor(env, LongBuffer.wrap(t.longs()), t.shape()));
            }
            Map<String, Tensor> outputs = new LinkedHashMap<>();
            try (OrtSession.Result result = session.run(feeds)) {
                for (Map.Entry<String, OnnxValue> e : result) {
                    OnnxTensor t = (OnnxTensor) e.getValue();
                    long[] shape = t.getInfo().getShape();
                    outputs.put(e.getKey(), switch (t.getInfo().type) {
                        case FLOAT -> Tensor.of(copy(t.getFloatBuffer()), shape);
                        case INT64 -> Tensor.ofLongs(copy(t.getLongBuffer()), shape);
                        default -> throw new ExportException("output " + e.getKey() + " has type " + t.getInfo().type);
                    });
                }
            }
            return outputs;
        } catch (OrtException e) {
            throw new ExportException("ONNX Runtime could not run the model: " + firstLine(e.getMessage()), e);
        } finally {
            feeds.values().forEach(OnnxTensor::close);
        }
    }

    @Override
    public void close() {
        try {
            session.close();
        } catch (OrtException e) {
            throw new IllegalStateException(e);
        }
    }

    private static float[] copy(FloatBuffer b) {
        float[] a = new float[b.remaining()];
        b.get(a);
        return a;
    }

    private static long[] copy(LongBuffer b) {
        long[] a = new long[b.remaining()];
        b.get(a);
        return a;
    }

    private static String firstLine(String s) {
        return s == null ? "(no message)" : s.lines().findFirst().orElse(s);
    }
}
