package dev.netloom.train;

/**
 * How well a per-position head labels positions, from the confusion matrix over every labelled
 * pixel or token: the share labelled right (pixel accuracy) and the intersection over union of each
 * class, {@code IoU_k = TP / (TP + FP + FN)}, with their mean over the classes present (in the
 * labels or the predictions: a class absent from both has no IoU and is left out, as in the
 * PASCAL VOC and Cityscapes scores). Plain counting, so it can be tested apart from the engine.
 */
public final class SegmentationScore {

    private final long[][] confusion;

    /** An empty score for {@code classes} classes. */
    public SegmentationScore(int classes) {
        this.confusion = new long[classes][classes];
    }

    /**
     * Adds positions: {@code actual[i]} the label ({@link PositionLabels#UNLABELLED} is skipped),
     * {@code predicted[i]} the class chosen.
     */
    public void add(long[] actual, long[] predicted) {
        if (actual.length != predicted.length) {
            throw new IllegalArgumentException(actual.length + " labels for " + predicted.length + " predictions");
        }
        for (int i = 0; i < actual.length; i++) {
            if (actual[i] == PositionLabels.UNLABELLED) {
                continue;
            }
            if (actual[i] < 0 || actual[i] >= confusion.length) {
                throw new IllegalArgumentException("label " + actual[i] + " at position " + i + " is not one of the "
                        + confusion.length + " classes");
            }
            confusion[(int) actual[i]][(int) predicted[i]]++;
        }
    }

    /** Labelled positions counted. */
    public long positions() {
        long n = 0;
        for (long[] row : confusion) {
            for (long c : row) {
                n += c;
            }
        }
        return n;
    }

    /** Correctly labelled positions. */
    public long correct() {
        long n = 0;
        for (int k = 0; k < confusion.length; k++) {
            n += confusion[k][k];
        }
        return n;
    }

    /** Share of labelled positions labelled right; 0 with none. */
    public double pixelAccuracy() {
        long n = positions();
        return n == 0 ? 0 : (double) correct() / n;
    }

    /** IoU per class; NaN for a class neither in the labels nor in the predictions. */
    public double[] perClassIoU() {
        int k = confusion.length;
        double[] iou = new double[k];
        for (int c = 0; c < k; c++) {
            long actual = 0;
            long predicted = 0;
            for (int o = 0; o < k; o++) {
                actual += confusion[c][o];
                predicted += confusion[o][c];
            }
            long union = actual + predicted - confusion[c][c];
            iou[c] = union == 0 ? Double.NaN : (double) confusion[c][c] / union;
        }
        return iou;
    }

    /** Mean IoU over the classes present; 0 when nothing was counted. */
    public double meanIoU() {
        double sum = 0;
        int present = 0;
        for (double v : perClassIoU()) {
            if (!Double.isNaN(v)) {
                sum += v;
                present++;
            }
        }
        return present == 0 ? 0 : sum / present;
    }

    /** {@code confusion[actual][predicted]} position counts (a copy). */
    public long[][] confusion() {
        long[][] copy = new long[confusion.length][];
        for (int i = 0; i < confusion.length; i++) {
            copy[i] = confusion[i].clone();
        }
        return copy;
    }
}
