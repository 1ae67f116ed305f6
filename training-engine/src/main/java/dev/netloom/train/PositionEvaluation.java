package dev.netloom.train;

import dev.netloom.graph.TensorKind;
import dev.netloom.graph.TensorType;
import dev.netloom.graph.analysis.NodeReport;
import dev.netloom.graph.catalog.LayerType;
import dev.netloom.train.data.Examples;
import dev.netloom.train.data.Field;

import java.util.List;
import java.util.stream.IntStream;

/**
 * {@link Evaluation} of a per-position classification head: every labelled pixel or token is
 * scored as one answer, so the loss is the mean cross-entropy over labelled positions, the
 * accuracy is pixel accuracy, the confusion matrix and per-class precision, recall and F1 count
 * positions, and {@link Evaluation#meanIoU()} is the segmentation score. No examples are listed
 * as worst mistakes (a picture is rarely all right or all wrong).
 */
final class PositionEvaluation {

    private PositionEvaluation() {
    }

    static Evaluation of(TrainedModel model, Examples examples, List<String> classes, int k, int batchSize) {
        NodeReport head = model.analysis().reports().values().stream()
                .filter(r -> r.spec().layerType().equals(LayerType.PER_POSITION_CLASSIFICATION)).findFirst()
                .orElseThrow();
        TensorType out = head.out();
        boolean classesFirst = out.kind() == TensorKind.IMAGE; // [K, H, W]; a sequence is [T, K]
        int c = classesFirst ? out.dim(0) : out.dim(1);
        int positions = (int) (out.elements() / c);
        Field mask = PositionLabels.maskOf(examples);
        SegmentationScore score = new SegmentationScore(c);
        double loss = 0;
        long topKHits = 0;
        int n = examples.size();
        int[] all = IntStream.range(0, n).toArray();
        double[] p = new double[c];
        float[] scores = new float[c];
        long[] actual = new long[positions];
        long[] predicted = new long[positions];
        for (int from = 0; from < n; from += batchSize) {
            int[] rows = Batches.slice(all, from, Math.min(n, from + batchSize));
            float[][] logits = model.predict(examples, rows);
            for (int i = 0; i < rows.length; i++) {
                for (int q = 0; q < positions; q++) {
                    for (int j = 0; j < c; j++) {
                        scores[j] = logits[i][classesFirst ? j * positions + q : q * c + j];
                    }
                    System.arraycopy(Evaluation.softmax(scores), 0, p, 0, c);
                    long label = mask.ids()[rows[i] * positions + q];
                    actual[q] = label;
                    int best = 0;
                    for (int j = 1; j < c; j++) {
                        best = p[j] > p[best] ? j : best;
                    }
                    predicted[q] = best;
                    if (label == PositionLabels.UNLABELLED) {
                        continue;
                    }
                    loss -= Math.log(Math.max(p[(int) label], 1e-45));
                    int better = 0;
                    for (double v : p) {
                        better += v > p[(int) label] ? 1 : 0;
                    }
                    topKHits += better < k ? 1 : 0;
                }
                score.add(actual, predicted);
            }
        }
        long counted = Math.max(1, score.positions());
        return Evaluation.ofPositions(n, loss / counted, score.pixelAccuracy(), k, (double) topKHits / counted,
                score.confusion(), classes);
    }
}
