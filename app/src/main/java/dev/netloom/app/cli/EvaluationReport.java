package dev.netloom.app.cli;

import dev.netloom.train.Evaluation;

import java.io.PrintWriter;
import java.util.List;
import java.util.Locale;

/** How the CLI prints an {@link Evaluation}: headline metrics, per-class scores, confusion matrix, worst mistakes. */
final class EvaluationReport {

    /** Larger confusion matrices do not fit a terminal; the per-class table still shows every class. */
    private static final int MAX_MATRIX = 12;

    private EvaluationReport() {
    }

    static void print(PrintWriter out, String split, Evaluation e, List<String> classes) {
        if (e.perPosition()) { // a per-position head: every labelled pixel or token is an answer
            out.printf(Locale.ROOT, "%s: %,d examples  pixel accuracy %.2f%%  mean IoU %.2f%%  macro F1 %.3f  loss %.4f%n",
                    split, e.examples(), e.accuracy() * 100, e.meanIoU() * 100, e.macroF1(), e.loss());
        } else {
            out.printf(Locale.ROOT, "%s: %,d examples  accuracy %.2f%%  top-%d %.2f%%  macro F1 %.3f  loss %.4f%n", split,
                    e.examples(), e.accuracy() * 100, e.topK(), e.topKAccuracy() * 100, e.macroF1(), e.loss());
        }
        TextTable perClass = new TextTable("CLASS", ">PRECISION", ">RECALL", ">F1", e.perPosition() ? ">POSITIONS" : ">EXAMPLES");
        for (Evaluation.ClassScore s : e.perClass()) {
            perClass.add(s.name(), pct(s.precision()), pct(s.recall()), String.format(Locale.ROOT, "%.3f", s.f1()),
                    String.format(Locale.ROOT, "%,d", s.support()));
        }
        out.print(perClass.render());
        if (classes.size() <= MAX_MATRIX) {
            out.println("Confusion matrix (rows: actual, columns: predicted):");
            String[] headers = new String[classes.size() + 1];
            headers[0] = "";
            for (int j = 0; j < classes.size(); j++) {
                headers[j + 1] = ">" + shortName(classes.get(j));
            }
            TextTable matrix = new TextTable(headers);
            for (int i = 0; i < classes.size(); i++) {
                String[] row = new String[classes.size() + 1];
                row[0] = classes.get(i);
                for (int j = 0; j < classes.size(); j++) {
                    row[j + 1] = Long.toString(e.confusion()[i][j]);
                }
                matrix.add(row);
            }
            out.print(matrix.render());
        }
        if (!e.worst().isEmpty()) {
            out.println("Most confident mistakes (row in the split: actual -> predicted, confidence):");
            for (Evaluation.Mistake m : e.worst().subList(0, Math.min(5, e.worst().size()))) {
                out.printf(Locale.ROOT, "  #%d: %s -> %s, %.0f%%%n", m.row(), classes.get(m.actual()),
                        classes.get(m.predicted()), m.confidence() * 100);
            }
        }
        out.flush();
    }

    private static String pct(double v) {
        return String.format(Locale.ROOT, "%.1f%%", v * 100);
    }

    private static String shortName(String name) {
        return name.length() <= 10 ? name : name.substring(0, 9) + ".";
    }
}
