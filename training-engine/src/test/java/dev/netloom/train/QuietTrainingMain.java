package dev.netloom.train;

import java.util.List;
import java.util.Map;

/**
 * Trains a small model and copies its weights into a second one, in its own process, so that a
 * test can read what libtorch writes to the process's stderr ({@link QuietEngineTest}).
 */
public final class QuietTrainingMain {

    private QuietTrainingMain() {
    }

    public static void main(String[] args) throws Exception {
        var analysis = Sketch.graph()
                .node("in", "Tabular", "features", 8)
                .node("fc", "Dense", "units", 8)
                .node("act", "Activation")
                .node("head", "Classification", "classes", 3)
                .chain("in", "fc", "act", "head").analyze();
        var data = ToyData.split(ToyData.vectors(200, 8, 3, 5), 160);
        TrainingSettings settings = TrainingSettings.defaults().withEpochs(2).withBatchSize(32);
        try (var run = new TrainingRun(analysis, data[0], data[1], List.of("features"), settings).run();
             var copy = TrainedModel.create(analysis, List.of("features"), 7)) {
            Map<String, dev.netloom.graph.artifact.Tensor> weights = run.model().weights();
            // As on a thread that trains (the studio's Train view restores weights there): grad mode on.
            ai.djl.pytorch.jni.JniUtils.setGradMode(true);
            copy.setWeights(weights);
            if (!ai.djl.pytorch.jni.JniUtils.isGradMode()) {
                System.out.println("grad mode not restored");
            }
            System.out.println(copy.weights().equals(weights) ? "weights copied" : "weights differ");
        }
    }
}
