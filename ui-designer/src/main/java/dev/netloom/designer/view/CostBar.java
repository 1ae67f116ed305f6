package dev.netloom.designer.view;

import dev.netloom.designer.model.CostSummary;
import dev.netloom.designer.model.DesignerModel;
import dev.netloom.graph.Units;
import javafx.geometry.Pos;
import javafx.scene.control.Label;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import org.kordamp.ikonli.javafx.FontIcon;
import org.kordamp.ikonli.materialdesign2.MaterialDesignA;
import org.kordamp.ikonli.materialdesign2.MaterialDesignC;

/**
 * The strip under the canvas: parameters, multiply-adds, peak activation memory and weight
 * size at FP32 and INT8, whether the model is ready to train, and the last refusal. Follows
 * the model's analysis, so it is current after every edit.
 */
public final class CostBar extends HBox {

    private final Label parameters = value("cost-parameters");
    private final Label macs = value("cost-macs");
    private final Label memory = value("cost-memory");
    private final Label fp32 = value("cost-fp32");
    private final Label int8 = value("cost-int8");
    private final Label status = new Label();
    private final Label message = new Label();

    private final java.util.function.BooleanSupplier empty;

    CostBar(DesignerModel model) {
        this.empty = () -> model.graph().nodes().isEmpty();
        getStyleClass().add(DesignerStyle.COST_BAR);
        setAlignment(Pos.CENTER_LEFT);
        setSpacing(22);
        status.setId("cost-status");
        message.setId("designer-message");
        message.setMinWidth(0);
        message.textProperty().bind(model.messageProperty());
        // Red only for a refusal; "Fixed: ..." or "Nothing to undo" are news, in the neutral colour.
        message.getStyleClass().add(DesignerStyle.STATUS_MESSAGE);
        model.messageIsErrorProperty().addListener((obs, was, error) -> styleMessage(error));
        styleMessage(model.messageIsErrorProperty().get());
        Region spacer = new Region();
        HBox.setHgrow(spacer, Priority.ALWAYS);
        getChildren().addAll(
                cell(parameters, "Parameters", "Trainable weights."),
                cell(macs, "Multiply-adds", "Multiply-accumulate operations per example (matrix products and "
                        + "convolutions; for Mixture-of-Experts only the experts a token uses)."),
                cell(memory, "Peak memory", "The most activation memory alive at once for one example."),
                cell(fp32, "Weights FP32", "Size of the weights at 32-bit floats."),
                cell(int8, "Weights INT8", "Size of the weights quantized to 8-bit integers."),
                spacer, message, status);
        model.costProperty().addListener((obs, old, c) -> show(c));
        show(model.costProperty().get());
    }

    private void styleMessage(boolean error) {
        message.getStyleClass().remove(DesignerStyle.REFUSAL);
        if (error) {
            message.getStyleClass().add(DesignerStyle.REFUSAL);
        }
    }

    private static Label value(String id) {
        Label l = new Label();
        l.setId(id);
        l.getStyleClass().add(DesignerStyle.COST_VALUE);
        return l;
    }

    private static VBox cell(Label value, String caption, String help) {
        Label c = new Label(caption);
        c.getStyleClass().add(DesignerStyle.COST_CAPTION);
        VBox box = new VBox(0, value, c);
        Tooltip.install(box, new Tooltip(help));
        return box;
    }

    private void show(CostSummary c) {
        parameters.setText(Units.count(c.parameters()));
        macs.setText(Units.count(c.multiplyAdds()));
        memory.setText(Units.bytes(c.peakActivationBytes()));
        fp32.setText(Units.bytes(c.fp32Bytes()));
        int8.setText(Units.bytes(c.int8Bytes()));
        boolean ok = c.errors() == 0;
        if (empty.getAsBoolean()) {
            // An empty canvas is a start, not a mistake.
            status.setText("Empty model");
            status.setGraphic(null);
            status.getStyleClass().removeAll(DesignerStyle.STATUS_OK, DesignerStyle.STATUS_ERROR);
            return;
        }
        status.setText(ok ? "Ready to train" : c.errors() == 1 ? "1 problem" : c.errors() + " problems");
        if (status.getGraphic() == null || status.getStyleClass().contains(DesignerStyle.STATUS_OK) != ok) {
            FontIcon icon = new FontIcon(ok ? MaterialDesignC.CHECK_CIRCLE_OUTLINE : MaterialDesignA.ALERT_CIRCLE_OUTLINE);
            icon.setIconSize(16);
            status.setGraphic(icon);
            status.getStyleClass().removeAll(DesignerStyle.STATUS_OK, DesignerStyle.STATUS_ERROR);
            status.getStyleClass().add(ok ? DesignerStyle.STATUS_OK : DesignerStyle.STATUS_ERROR);
        }
    }
}
