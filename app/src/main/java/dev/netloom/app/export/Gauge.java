package dev.netloom.app.export;

import javafx.scene.control.Label;
import javafx.scene.control.ProgressBar;
import javafx.scene.layout.VBox;

/**
 * A bar and a line of text: how much of a budget a model uses ("59 KiB of 2 GiB"). Green within
 * 80% of the budget, amber up to it, red over it; the bar stops at full.
 */
public final class Gauge extends VBox {

    /** Above this share of the budget the gauge turns amber. */
    public static final double TIGHT = 0.8;

    private final ProgressBar bar = new ProgressBar();
    private final Label text = new Label();

    /**
     * @param share the share of the budget used (may exceed 1)
     * @param words what it says under the bar
     * @param budgeted false for a measure without a budget (latency): always the neutral colour
     */
    public Gauge(double share, String words, boolean budgeted) {
        super(2);
        bar.getStyleClass().add(ExportStyle.GAUGE);
        // A used share of a few per mille would draw nothing; show a sliver so the bar reads as "small", not "none".
        bar.setProgress(share <= 0 ? 0 : Math.max(0.02, Math.min(1, share)));
        bar.getStyleClass().add(!budgeted ? ExportStyle.GAUGE_TIME
                : share > 1 ? ExportStyle.GAUGE_OVER : share > TIGHT ? ExportStyle.GAUGE_TIGHT : ExportStyle.GAUGE_OK);
        bar.setPrefWidth(170);
        bar.setMaxWidth(Double.MAX_VALUE);
        bar.setPrefHeight(10);
        text.setText(words);
        text.getStyleClass().add(ExportStyle.GAUGE_TEXT);
        getChildren().addAll(bar, text);
    }

    public double progress() {
        return bar.getProgress();
    }

    public String text() {
        return text.getText();
    }
}
