package dev.netloom.app.predict;

import java.util.List;

/**
 * A trained model ready to answer queries: an artifact run by the training engine, or a bundle run
 * in ONNX Runtime. Holds native memory: close it.
 */
public interface Predictor extends AutoCloseable {

    /** The inputs every query fills, in the model's order. */
    List<InputSlot> inputs();

    /** The classes, in output order. */
    List<String> classes();

    /** What it is, for people: "model artifact m (training engine)" or "bundle b (ONNX Runtime)". */
    String description();

    /**
     * The class probabilities for each query, in order.
     *
     * @throws BadInputException one line naming the query's source and what is wrong with it
     */
    List<double[]> probabilities(List<Query> queries);

    @Override
    void close();
}
