package dev.netloom.train.data.qa;

import java.util.List;

/**
 * How often to ask each false question about each class so that, when every class is shown
 * equally often and asked its true question half the time, every question is also true exactly
 * half the time. Then neither the picture alone nor the question alone tells the answer.
 *
 * <p>With y the true mass per class (1/2 each) the false mass N[c][q] must satisfy: each row
 * (class) sums to 1/2, and each column (question q) sums to the true mass of q, |classes of q|/2.
 * Sinkhorn's alternating row and column scaling, started from ones on every allowed cell,
 * converges to such an N that asks every false question about every class.
 */
public final class QuestionBalance {

    private final double[][] falseMass;

    /** Solves the balance for groups that cover {@code classCount} classes once each. */
    public QuestionBalance(List<ClothingGroup> groups, int classCount) {
        int q = groups.size();
        int[] groupOf = new int[classCount];
        double[] columnTarget = new double[q];
        for (int g = 0; g < q; g++) {
            for (int c : groups.get(g).classes()) {
                groupOf[c] = g;
            }
            columnTarget[g] = groups.get(g).classes().size();
        }
        double[][] n = new double[classCount][q];
        for (int c = 0; c < classCount; c++) {
            for (int g = 0; g < q; g++) {
                n[c][g] = g == groupOf[c] ? 0 : 1;
            }
        }
        for (int round = 0; round < 2000; round++) {
            for (double[] row : n) {
                double sum = 0;
                for (double v : row) {
                    sum += v;
                }
                for (int g = 0; g < q; g++) {
                    row[g] /= sum;
                }
            }
            for (int g = 0; g < q; g++) {
                double sum = 0;
                for (double[] row : n) {
                    sum += row[g];
                }
                for (double[] row : n) {
                    row[g] *= columnTarget[g] / sum;
                }
            }
        }
        falseMass = n;
    }

    /** For class c, the probability of each group's question among its false questions (sums to 1). */
    public double[] falseQuestions(int c) {
        double[] row = falseMass[c].clone();
        double sum = 0;
        for (double v : row) {
            sum += v;
        }
        for (int g = 0; g < row.length; g++) {
            row[g] /= sum;
        }
        return row;
    }
}
