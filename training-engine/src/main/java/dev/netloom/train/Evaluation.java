package dev.netloom.train;

import dev.netloom.train.data.Examples;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.IntStream;

/**
 * How well a model does on a set of examples: loss, accuracy, top-k accuracy, precision,
 * recall and F1 per class, the confusion matrix, and the worst mistakes (the confidently wrong
 * examples a person should look at first).
 *
 * @param examples how many examples were scored
 * @param loss mean cross-entropy
 * @param accuracy share whose best class is right
 * @param topK the k of {@code topKAccuracy}
 * @param topKAccuracy share whose right class is among the k best
 * @param perClass scores per class, in class order
 * @param confusion {@code confusion[actual][predicted]} counts
 * @param worst the most confident mistakes, worst first
 * @param perPosition whether the answers scored are positions (a per-position head: pixels or tokens
 *        are counted, accuracy is pixel accuracy, {@link #meanIoU()} applies) rather than examples
 */
public record Evaluation(int examples, double loss, double accuracy, int topK, double topKAccuracy,
                         List<ClassScore> perClass, long[][] confusion, List<Mistake> worst, boolean perPosition) {

    /**
     * @param name the class
     * @param precision of the examples predicted as this class, the share that are
     * @param recall of the examples of this class, the share found
     * @param f1 the harmonic mean of precision and recall
     * @param support examples of this class
     */
    public record ClassScore(String name, double precision, double recall, double f1, long support) {
    }

    /**
     * @param row the example's row in the evaluated split
     * @param actual its class
     * @param predicted the class the model chose
     * @param confidence the probability the model gave its choice
     */
    public record Mistake(int row, int actual, int predicted, double confidence) {
    }

    /**
     * Scores a model on examples, in batches. A per-position head is scored per labelled pixel or
     * token ({@link PositionEvaluation}; {@link #perPosition()}).
     */
    public static Evaluation of(TrainedModel model, Examples examples, List<String> classes, int k, int worstCount,
                                int batchSize) {
        if (TrainingRun.perPosition(model.analysis())) {
            return PositionEvaluation.of(model, examples, classes, k, batchSize);
        }
        int n = examples.size();
        int c = classes.size();
        long[][] confusion = new long[c][c];
        double loss = 0;
        long topKHits = 0;
        List<Mistake> mistakes = new ArrayList<>();
        int[] all = IntStream.range(0, n).toArray();
        for (int from = 0; from < n; from += batchSize) {
            int[] rows = Batches.slice(all, from, Math.min(n, from + batchSize));
            float[][] logits = model.predict(examples, rows);
            for (int i = 0; i < rows.length; i++) {
                double[] p = softmax(logits[i]);
                int actual = examples.labels()[rows[i]];
                int predicted = argMax(p);
                confusion[actual][predicted]++;
                loss -= Math.log(Math.max(p[actual], 1e-45));
                int better = 0;
                for (double v : p) {
                    if (v > p[actual]) {
                        better++;
                    }
                }
                if (better < k) {
                    topKHits++;
                }
                if (predicted != actual) {
                    mistakes.add(new Mistake(rows[i], actual, predicted, p[predicted]));
                }
            }
        }
        mistakes.sort(Comparator.comparingDouble(Mistake::confidence).reversed());
        long correct = 0;
        for (int i = 0; i < c; i++) {
            correct += confusion[i][i];
        }
        return new Evaluation(n, loss / n, (double) correct / n, k, (double) topKHits / n, scores(confusion, classes),
                confusion, List.copyOf(mistakes.subList(0, Math.min(worstCount, mistakes.size()))), false);
    }

    /** An evaluation whose answers are positions (pixels, tokens), counted in {@code confusion}. */
    static Evaluation ofPositions(int examples, double loss, double accuracy, int k, double topKAccuracy,
                                  long[][] confusion, List<String> classes) {
        return new Evaluation(examples, loss, accuracy, k, topKAccuracy, scores(confusion, classes), confusion,
                List.of(), true);
    }

    /**
     * Mean intersection over union of the classes present in the labels or the predictions
     * ({@link SegmentationScore}): the score of a per-position head.
     */
    public double meanIoU() {
        double sum = 0;
        int present = 0;
        for (int c = 0; c < confusion.length; c++) {
            long actual = 0;
            long predicted = 0;
            for (int o = 0; o < confusion.length; o++) {
                actual += confusion[c][o];
                predicted += confusion[o][c];
            }
            long union = actual + predicted - confusion[c][c];
            if (union > 0) {
                sum += (double) confusion[c][c] / union;
                present++;
            }
        }
        return present == 0 ? 0 : sum / present;
    }

    private static List<ClassScore> scores(long[][] confusion, List<String> classes) {
        List<ClassScore> scores = new ArrayList<>();
        for (int i = 0; i < classes.size(); i++) {
            long truePositive = confusion[i][i];
            long predicted = 0;
            long actual = 0;
            for (int j = 0; j < classes.size(); j++) {
                predicted += confusion[j][i];
                actual += confusion[i][j];
            }
            double precision = predicted == 0 ? 0 : (double) truePositive / predicted;
            double recall = actual == 0 ? 0 : (double) truePositive / actual;
            double f1 = precision + recall == 0 ? 0 : 2 * precision * recall / (precision + recall);
            scores.add(new ClassScore(classes.get(i), precision, recall, f1, actual));
        }
        return scores;
    }

    /** Probabilities from logits (softmax in double precision, shifted by the largest logit). */
    public static double[] softmax(float[] logits) {
        double max = Double.NEGATIVE_INFINITY;
        for (float v : logits) {
            max = Math.max(max, v);
        }
        double sum = 0;
        double[] p = new double[logits.length];
        for (int i = 0; i < p.length; i++) {
            p[i] = Math.exp(logits[i] - max);
            sum += p[i];
        }
        for (int i = 0; i < p.length; i++) {
            p[i] /= sum;
        }
        return p;
    }

    private static int argMax(double[] p) {
        int best = 0;
        for (int i = 1; i < p.length; i++) {
            if (p[i] > p[best]) {
                best = i;
            }
        }
        return best;
    }

    /** Macro-averaged F1 over classes with examples. */
    public double macroF1() {
        return perClass.stream().filter(s -> s.support() > 0).mapToDouble(ClassScore::f1).average().orElse(0);
    }
}
