package dev.netloom.train;

import dev.netloom.graph.analysis.GraphAnalysis;
import dev.netloom.train.data.Examples;

import java.util.ArrayList;
import java.util.List;

/**
 * A small training whose numbers must be the same every time with the same seed: a token model
 * with a Mixture-of-Experts layer (router noise, top-1 routing, a capacity limit) and dropout, so
 * that every random draw and every discrete routing decision is in play. {@link #numbers()} are
 * every step's loss and every epoch's validation loss and accuracy, bit for bit, and the final
 * weights. Run as a program it prints them, one a line, for {@link SameSeedSameNumbersTest}'s
 * second process.
 */
public final class SameSeedTraining {

    private SameSeedTraining() {
    }

    static List<String> numbers() throws TrainingException {
        GraphAnalysis graph = Sketch.graph()
                .node("in", "Tokens", "length", 12, "vocabulary", 32)
                .node("emb", "Embedding", "dim", 16)
                .node("moe", "MoE", "experts", 4, "topK", 1, "hidden", 32, "capacityFactor", 1.0, "routerNoise", 0.5)
                .node("pool", "GlobalAvgPool")
                .node("drop", "Dropout", "rate", 0.2)
                .node("head", "Classification", "classes", 2)
                .chain("in", "emb", "moe", "pool", "drop", "head").analyze();
        Examples[] data = ToyData.split(ToyData.tokens(700, 12, 32, 3), 600);
        TrainingSettings settings = TrainingSettings.defaults().withEpochs(3).withBatchSize(32).withLearningRate(0.01);
        List<String> numbers = new ArrayList<>();
        try (var result = new TrainingRun(graph, data[0], data[1], List.of("text"), settings)
                .listener(new TrainingListener() {
                    @Override
                    public void onStep(StepReport s) {
                        numbers.add("step " + s.step() + " loss " + Double.toHexString(s.loss()));
                    }

                    @Override
                    public void onEpoch(EpochReport e) {
                        numbers.add("epoch " + e.epoch() + " validation " + Double.toHexString(e.validationLoss())
                                + " " + e.validationAccuracy());
                    }
                }).run()) {
            result.model().weights().forEach((name, t) -> numbers.add("weight " + name + " " + t.hashCode()));
        }
        return numbers;
    }

    public static void main(String[] args) throws Exception {
        numbers().forEach(System.out::println);
    }
}
