package dev.netloom.app.search;

import dev.netloom.hpo.FrozenTrial;
import dev.netloom.hpo.analysis.ParallelCoordinates;
import javafx.geometry.VPos;
import javafx.scene.canvas.Canvas;
import javafx.scene.canvas.GraphicsContext;
import javafx.scene.control.Label;
import javafx.scene.layout.Pane;
import javafx.scene.layout.VBox;
import javafx.scene.paint.Color;
import javafx.scene.text.Font;
import javafx.scene.text.TextAlignment;

import java.util.List;

/**
 * Parallel coordinates on a Canvas: one vertical axis per parameter and one for accuracy; each
 * complete trial is a line through its values ({@link ParallelScale}), coloured from pale (least
 * accurate) to the accent (most accurate), so good regions of each parameter stand out.
 */
final class ParallelCoordinatesPlot {

    private static final double PAD_X = 52;
    private static final double PAD_TOP = 40;
    private static final double PAD_BOTTOM = 26;

    private final Canvas canvas = new Canvas();
    private final Pane holder = new Pane(canvas);
    private final VBox box;
    private ParallelCoordinates data = new ParallelCoordinates(List.of(), List.of());
    private List<FrozenTrial> trials = List.of();

    ParallelCoordinatesPlot() {
        Label title = new Label("Parallel coordinates");
        title.getStyleClass().add("chart-title");
        box = new VBox(4, title, holder);
        box.setId("tune-parallel");
        box.getStyleClass().add(PlotStyle.PLOT);
        box.setMinSize(260, 200);
        box.setPrefSize(420, 290);
        VBox.setVgrow(holder, javafx.scene.layout.Priority.ALWAYS);
        holder.setMinSize(0, 0);
        canvas.widthProperty().bind(holder.widthProperty());
        canvas.heightProperty().bind(holder.heightProperty());
        canvas.widthProperty().addListener(o -> draw());
        canvas.heightProperty().addListener(o -> draw());
    }

    VBox node() {
        return box;
    }

    void show(ParallelCoordinates coordinates, List<FrozenTrial> completeTrials) {
        data = coordinates;
        trials = completeTrials;
        draw();
    }

    private void draw() {
        GraphicsContext g = canvas.getGraphicsContext2D();
        double w = canvas.getWidth();
        double h = canvas.getHeight();
        g.clearRect(0, 0, w, h);
        List<String> params = data.params();
        if (params.isEmpty() || w < 2 * PAD_X || h < PAD_TOP + PAD_BOTTOM + 10) {
            return;
        }
        ParallelScale scale = ParallelScale.of(params, trials, 0);
        int axes = params.size() + 1;
        double step = (w - 2 * PAD_X) / Math.max(1, axes - 1);
        double top = PAD_TOP;
        double bottom = h - PAD_BOTTOM;
        g.setFont(Font.font(11));
        g.setTextBaseline(VPos.CENTER);
        g.setTextAlign(TextAlignment.CENTER);
        Color muted = Color.web("#6e7781");
        for (int i = 0; i < axes; i++) {
            double x = PAD_X + i * step;
            g.setStroke(muted);
            g.setLineWidth(1);
            g.strokeLine(x, top, x, bottom);
            g.setFill(muted);
            String name = i < params.size() ? TrialRow.shortName(params.get(i)) : "accuracy";
            g.fillText(name, x, top - 28);
            String[] ends = i < params.size() ? scale.ends(params.get(i))
                    : new String[] {TrialRow.percent(scale.valueRange()[0]), TrialRow.percent(scale.valueRange()[1])};
            g.fillText(ends[1], x, top - 12);
            g.fillText(ends[0], x, bottom + 10);
        }
        for (ParallelCoordinates.Line line : data.lines()) {
            double v = scale.valuePosition(line.value());
            g.setStroke(Color.web("#c8d1dc").interpolate(Color.web("#0969da"), Double.isNaN(v) ? 0 : v));
            g.setLineWidth(1.6);
            g.beginPath();
            boolean started = false;
            for (int i = 0; i < axes; i++) {
                double pos = i < params.size() ? scale.position(params.get(i), line.params().get(params.get(i))) : v;
                if (Double.isNaN(pos)) {
                    started = false; // a parameter this trial did not try: break the line there
                    continue;
                }
                double x = PAD_X + i * step;
                double y = bottom - pos * (bottom - top);
                if (started) {
                    g.lineTo(x, y);
                } else {
                    g.moveTo(x, y);
                    started = true;
                }
            }
            g.stroke();
        }
    }
}
