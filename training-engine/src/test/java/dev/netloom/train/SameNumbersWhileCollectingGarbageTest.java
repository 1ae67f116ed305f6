package dev.netloom.train;

import dev.netloom.graph.analysis.GraphAnalysis;
import dev.netloom.train.data.Examples;
import dev.netloom.train.model.GarbageCollection;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Same seed, same numbers, whenever the JVM collects garbage: a small conv model (SiLU, ReLU6, a
 * self-attention over its feature map) trains for 324 steps twice in one JVM, the second time with
 * full collections forced on another thread every 10 ms or so, and every step's loss and the final weights
 * must be identical to the bit. Before {@code Scalars}, a collection between a step's forward and
 * backward passes made backward read freed memory: the demo drifted apart now and then (one step in
 * several hundred), and this test failed within the first steps.
 */
class SameNumbersWhileCollectingGarbageTest {

    @Test
    void collectionsDuringTrainingChangeNoNumber() throws Exception {
        List<String> quiet = train(false);
        assertThat(quiet).filteredOn(l -> l.startsWith("step ")).hasSize(324);
        List<String> collecting = train(true);
        assertThat(collecting).isEqualTo(quiet);
    }

    /** Every step's loss and the final weights' hashes; with {@code collect}, full collections throughout. */
    private static List<String> train(boolean collect) throws Exception {
        GraphAnalysis graph = Sketch.graph()
                .node("image", "Image", "height", 8, "width", 8, "channels", 1)
                .node("conv1", "Conv2d", "filters", 4, "kernel", 3, "stride", 1, "padding", 1, "bias", true, "groups", 1)
                .node("silu", "Activation", "function", "SiLU")
                .node("conv2", "Conv2d", "filters", 8, "kernel", 3, "stride", 2, "padding", 1, "bias", true, "groups", 1)
                .node("relu6", "Activation", "function", "ReLU6")
                .node("look", "CrossAttention", "heads", 2, "variant", "softmax", "dropout", 0.0)
                .node("pool", "GlobalAvgPool")
                .node("head", "Classification", "classes", 4)
                .chain("image", "conv1", "silu", "conv2", "relu6", "pool")
                .edge("pool.out", "look.query").edge("relu6.out", "look.context")
                .chain("look", "head").analyze();
        Examples[] data = ToyData.split(ToyData.quadrants(640, 8, 5), 576);
        TrainingSettings settings = TrainingSettings.defaults().withEpochs(9).withBatchSize(16).withLearningRate(0.01);
        List<String> numbers = new ArrayList<>();
        AtomicBoolean running = new AtomicBoolean(true);
        AtomicInteger collections = new AtomicInteger();
        Thread collector = new Thread(() -> {
            while (running.get()) {
                GarbageCollection.collectAndFreeDirectBuffers();
                collections.incrementAndGet();
                try {
                    Thread.sleep(10); // the training thread gets on between collections (each one stops it)
                } catch (InterruptedException e) {
                    return;
                }
            }
        }, "garbage-collector");
        if (collect) {
            collector.start();
        }
        try (var result = new TrainingRun(graph, data[0], data[1], List.of("image"), settings)
                .listener(new TrainingListener() {
                    @Override
                    public void onStep(StepReport s) {
                        numbers.add("step " + s.step() + " loss " + Double.toHexString(s.loss()));
                    }
                }).run()) {
            result.model().weights().forEach((name, t) -> numbers.add("weight " + name + " " + t.hashCode()));
        } finally {
            running.set(false);
            if (collect) {
                collector.join();
            }
        }
        if (collect) {
            assertThat(collections.get()).as("collections during the run").isGreaterThan(10);
        }
        return numbers;
    }
}
