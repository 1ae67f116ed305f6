package dev.netloom.train;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import dev.netloom.graph.analysis.GraphAnalysis;
import dev.netloom.train.data.Examples;
import dev.netloom.train.data.Field;
import dev.netloom.train.data.FieldKind;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

/**
 * A per-pixel classification head trains end to end: a small U-Net (two levels, a skip connection
 * through Concat, a transposed convolution up) learns to segment rectangles and discs made in the
 * test, scored by pixel accuracy and mean IoU; and the loss and scores against hand-computed values.
 */
class SegmentationTrainingTest {

    private static final int SIZE = 16;

    static GraphAnalysis smallUNet(int size) {
        return Sketch.graph()
                .node("in", "Image", "height", size, "width", size, "channels", 1)
                .node("c1", "Conv2d", "filters", 8).node("r1", "Activation", "function", "ReLU")
                .node("pool", "MaxPool2d")
                .node("c2", "Conv2d", "filters", 16).node("r2", "Activation", "function", "ReLU")
                .node("up", "ConvTranspose2d", "filters", 8, "kernel", 2, "stride", 2)
                .node("cat", "Concat")
                .node("c3", "Conv2d", "filters", 8).node("r3", "Activation", "function", "ReLU")
                .node("head", "PerPositionClassification", "classes", 3)
                .chain("in", "c1", "r1", "pool", "c2", "r2", "up")
                .edge("r1.out", "cat.a").edge("up.out", "cat.b")
                .chain("cat", "c3", "r3", "head").analyze();
    }

    @Test
    void aSmallUNetLearnsToSegmentShapes() throws Exception {
        Examples train = ShapesWithMasks.make(480, SIZE, 1);
        Examples validation = ShapesWithMasks.make(120, SIZE, 2);
        List<TrainingListener.EpochReport> epochs = new ArrayList<>();
        TrainingSettings settings = TrainingSettings.defaults().withEpochs(10).withBatchSize(16).withLearningRate(0.01);
        try (TrainingRun.Result result = new TrainingRun(smallUNet(SIZE), train, validation, List.of("image"), settings)
                .listener(new TrainingListener() {
                    @Override
                    public void onEpoch(EpochReport epoch) {
                        epochs.add(epoch);
                    }
                }).run()) {
            assertThat(epochs).hasSize(10).allSatisfy(e -> assertThat(e.hasMeanIoU()).isTrue());
            TrainingListener.EpochReport last = epochs.get(9);
            assertThat(last.trainLoss()).isLessThan(epochs.get(0).trainLoss());
            double[] scores = TrainingRun.evaluate(result.model(), validation, 64);
            assertThat(scores).hasSize(3);
            assertThat(scores[1]).as("pixel accuracy").isGreaterThan(0.85);
            assertThat(scores[2]).as("mean IoU").isGreaterThan(0.7);
            assertThat(scores[1]).isEqualTo(result.end().bestValidationAccuracy());
        }
    }

    @Test
    void masksOfAnotherSizeThanTheHeadsOutputAreRefusedInOneLine() {
        Examples train = ShapesWithMasks.make(8, 8, 1);
        assertThatThrownBy(() -> new TrainingRun(smallUNet(SIZE), train, train, List.of("image"),
                TrainingSettings.defaults())).hasMessage("the training masks are [8, 8] but head head answers at "
                + "[16, 16] positions; the masks must match the head's output size");
    }

    @Test
    void aMaskClassTheHeadDoesNotHaveIsRefusedNamingTheExample() {
        Examples good = ShapesWithMasks.make(3, SIZE, 1);
        long[] ids = PositionLabels.maskOf(good).ids().clone();
        ids[2 * SIZE * SIZE + 5] = 3;
        Examples bad = new Examples(List.of(good.field("image").orElseThrow(),
                Field.mask("mask", new int[] {SIZE, SIZE}, ids)), new int[3]);
        assertThatThrownBy(() -> new TrainingRun(smallUNet(SIZE), good, bad, List.of("image"),
                TrainingSettings.defaults())).hasMessage("the validation mask of example 2 holds class 3 but head head "
                + "has 3 classes");
    }

    @Test
    void dataWithoutMasksIsRefusedForAPerPositionHead() {
        Examples noMask = ToyData.quadrants(4, SIZE, 1);
        assertThatThrownBy(() -> new TrainingRun(smallUNet(SIZE), noMask, noMask, List.of("image"),
                TrainingSettings.defaults())).hasMessageStartingWith("a per-position head needs the data to give a mask");
    }

    @Test
    void theLossAveragesOverLabelledPositionsOnly() {
        try (NDManager m = NDManager.newBaseManager()) {
            // one example, 2 classes, 1x3 pixels: logits [1, 2, 1, 3]
            NDArray logits = m.create(new float[] {0, 0, 2, /* class 1: */ 0, 1, 0},
                    new Shape(1, 2, 1, 3));
            NDArray labels = m.create(new long[] {0, 1, PositionLabels.UNLABELLED}, new Shape(1, 1, 3));
            // pixel 0: logits (0, 0), label 0 -> ln 2; pixel 1: (0, 1), label 1 -> ln(1 + e^-1); pixel 2 left out
            double expected = (Math.log(2) + Math.log(1 + Math.exp(-1))) / 2;
            assertThat((double) PositionLabels.crossEntropy(logits, labels, 0f).getFloat()).isCloseTo(expected, within(1e-6));
            assertThat(PositionLabels.predicted(logits)).containsExactly(0, 1, 0);
        }
    }

    @Test
    void tokensAreRowsToo() {
        try (NDManager m = NDManager.newBaseManager()) {
            NDArray logits = m.create(new float[] {3, 0, 0, 0, 0, 3}, new Shape(1, 2, 3)); // [N, T, K]
            assertThat(PositionLabels.predicted(logits)).containsExactly(0, 2);
        }
    }

    @Test
    void meanIoUIsOverTheClassesPresent() {
        SegmentationScore s = new SegmentationScore(4);
        // actual:    0 0 0 1 1 2 -   (class 3 absent everywhere)
        // predicted: 0 0 1 1 2 2 0
        s.add(new long[] {0, 0, 0, 1, 1, 2, PositionLabels.UNLABELLED}, new long[] {0, 0, 1, 1, 2, 2, 0});
        // class 0: TP 2, FN 1, FP 0 -> 2/3; class 1: TP 1, FN 1, FP 1 -> 1/3; class 2: TP 1, FP 1 -> 1/2
        assertThat(s.perClassIoU()[0]).isCloseTo(2.0 / 3, within(1e-12));
        assertThat(s.perClassIoU()[1]).isCloseTo(1.0 / 3, within(1e-12));
        assertThat(s.perClassIoU()[2]).isCloseTo(0.5, within(1e-12));
        assertThat(s.perClassIoU()[3]).isNaN();
        assertThat(s.meanIoU()).isCloseTo((2.0 / 3 + 1.0 / 3 + 0.5) / 3, within(1e-12));
        assertThat(s.pixelAccuracy()).isCloseTo(4.0 / 6, within(1e-12));
        assertThatThrownBy(() -> s.add(new long[] {4}, new long[] {0})).hasMessage("label 4 at position 0 is not one "
                + "of the 4 classes");
    }

    @Test
    void aMaskFieldHoldsClassIds() {
        assertThat(Field.mask("m", new int[] {2, 2}, new long[] {0, 1, 1, 0}).kind()).isEqualTo(FieldKind.MASK);
        assertThatThrownBy(() -> new Field("m", FieldKind.MASK, new int[] {2}, new float[] {0, 1}, null))
                .hasMessageContaining("mask fields hold ids");
    }
}
