package dev.netloom.designer.view;

import dev.netloom.designer.model.DesignerModel;
import dev.netloom.designer.model.HumanNames;
import dev.netloom.graph.Units;
import dev.netloom.graph.Node;
import dev.netloom.graph.analysis.GraphAnalysis;
import dev.netloom.graph.analysis.NodeReport;
import dev.netloom.graph.analysis.Problem;
import dev.netloom.graph.catalog.LayerSpec;
import dev.netloom.graph.catalog.ParamSpec;
import dev.netloom.graph.edit.EditResult;
import javafx.geometry.Insets;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.ScrollPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;
import org.controlsfx.control.PropertySheet;
import org.controlsfx.property.editor.Editors;
import org.controlsfx.property.editor.PropertyEditor;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The right-hand panel. With one layer selected: its name, type and description, every
 * parameter with its range or choices (ControlsFX {@link PropertySheet}), a refusal when a
 * value is not allowed, and the layer's problems with their fixes. With nothing selected: the
 * model's problems, each a link to its layer.
 */
public final class PropertyPanel extends VBox {

    private static final String SETTINGS = "Settings";

    private final DesignerModel model;
    private final Label title = new Label();
    private final Label subtitle = new Label();
    private final Label description = new Label();
    private final PropertySheet sheet = new PropertySheet();
    private final Label refusal = new Label();
    private final Label details = new Label();
    private final Label tips = new Label("How to\n"
            + "•  Drag a layer from the palette onto the canvas.\n"
            + "•  Drag from an output dot (bottom of a card, or right) to an input dot (top, or left) of another to connect them.\n"
            + "•  Click a card to change its settings here.\n"
            + "•  Delete removes, Ctrl+D duplicates, Ctrl+Z undoes, F fits the view, Ctrl+L tidies up.");
    private final VBox problems = new VBox(8);
    private final Map<String, ParamItem> items = new LinkedHashMap<>();
    private String shownId;

    PropertyPanel(DesignerModel model) {
        this.model = model;
        getStyleClass().add(DesignerStyle.PROPERTIES);
        setSpacing(10);
        setPadding(new Insets(14, 12, 12, 12));
        title.getStyleClass().add(DesignerStyle.PANEL_TITLE);
        title.setId("properties-title");
        subtitle.getStyleClass().add(DesignerStyle.PANEL_SUBTITLE);
        description.setWrapText(true);
        description.getStyleClass().add(DesignerStyle.PANEL_SUBTITLE);
        sheet.setModeSwitcherVisible(false);
        sheet.setSearchBoxVisible(false);
        sheet.setMode(PropertySheet.Mode.NAME);
        sheet.setPropertyEditorFactory(item -> {
            ParamItem p = (ParamItem) item;
            PropertyEditor<?> editor = valueEditor(p);
            return p.search() == null ? editor : new SearchableEditor(editor, p.search());
        });
        refusal.getStyleClass().add(DesignerStyle.REFUSAL);
        refusal.setWrapText(true);
        refusal.setId("property-refusal");
        refusal.managedProperty().bind(refusal.visibleProperty());
        refusal.setVisible(false);
        details.setWrapText(true);
        details.getStyleClass().add(DesignerStyle.PANEL_SUBTITLE);
        VBox.setVgrow(sheet, Priority.ALWAYS);
        ScrollPane problemScroll = new ScrollPane(problems);
        problemScroll.setFitToWidth(true);
        problemScroll.setHbarPolicy(ScrollPane.ScrollBarPolicy.NEVER);
        problemScroll.getStyleClass().add("edge-to-edge");
        VBox.setVgrow(problemScroll, Priority.SOMETIMES);
        tips.setWrapText(true);
        tips.getStyleClass().add(DesignerStyle.PANEL_SUBTITLE);
        tips.managedProperty().bind(tips.visibleProperty());
        getChildren().addAll(new VBox(2, title, subtitle), description, sheet, refusal, details, tips, problemScroll);
        model.selectedNodeProperty().addListener((obs, old, id) -> refresh());
        model.analysisProperty().addListener((obs, old, a) -> refresh());
        model.searchProperty().addListener((obs, old, space) -> refresh());
        refresh();
    }

    private static PropertyEditor<?> valueEditor(ParamItem p) {
        if (p.typed()) {
            return CommitField.of(p);
        }
        return switch (p.spec().type()) {
            case BOOL -> Editors.createCheckEditor(p);
            case CHOICE -> Editors.createChoiceEditor(p, p.spec().choices());
            default -> CommitField.of(p);
        };
    }

    /** The sheet (tests edit through it). */
    public PropertySheet sheet() {
        return sheet;
    }

    /** The reason the last value was refused, or empty. */
    public Label refusalLabel() {
        return refusal;
    }

    private void refresh() {
        GraphAnalysis analysis = model.analysis();
        String id = model.selectedNodeProperty().get();
        Node node = id == null ? null : model.graph().node(id).orElse(null);
        LayerSpec spec = node == null ? null : model.document().catalog().find(node.type()).orElse(null);
        if (node == null || spec == null) {
            showModel(analysis);
            return;
        }
        boolean same = id.equals(shownId);
        shownId = id;
        if (!same) {
            refusal.setVisible(false);
        }
        tips.setVisible(false);
        title.setText(node.displayName());
        subtitle.setText(spec.type() + "  ·  " + spec.category().displayName());
        description.setText(spec.description());
        description.setVisible(true);
        description.setManaged(true);
        sheet.setVisible(true);
        sheet.setManaged(true);
        if (!same || items.isEmpty()) {
            items.clear();
            items.put("", new ParamItem("Name", SETTINGS, "What the canvas shows for this layer; its id "
                    + node.id() + " stays.", null, node.displayName(), v -> commitLabel(id, v)));
            for (ParamSpec p : spec.params()) {
                Object current = node.params().getOrDefault(p.name(), p.defaultValue());
                // The name in words; the file key (what the project file and the CLI use) in the tooltip.
                ParamItem item = new ParamItem(HumanNames.of(p.name()), SETTINGS,
                        p.description() + "\nFile key: " + p.name(), p,
                        display(p, current), v -> commit(id, p, v));
                if (model.whyNotSearchable(spec, p).isEmpty()) {
                    item.withSearch(new ParamSearch(p, model.searchRange(id, p.name()).orElse(null),
                            on -> showRefusal(model.setSearchable(id, p.name(), on)),
                            range -> showRefusal(model.setSearchRange(id, p.name(), range)),
                            this::refuse));
                }
                items.put(p.name(), item);
            }
            sheet.getItems().setAll(new ArrayList<>(items.values()));
        } else {
            items.get("").show(node.displayName());
            for (ParamSpec p : spec.params()) {
                ParamItem item = items.get(p.name());
                item.show(display(p, node.params().getOrDefault(p.name(), p.defaultValue())));
                if (item.search() != null) {
                    item.search().show(model.searchRange(id, p.name()).orElse(null));
                }
            }
        }
        NodeReport report = analysis.report(id).orElse(null);
        details.setText(report == null || report.out() == null ? "Output shape unknown until the inputs fit."
                : "Output " + report.out().describe() + "\n" + Units.count(report.cost().parameters())
                + " parameters  ·  " + Units.count(report.cost().activeMultiplyAdds()) + " multiply-adds  ·  "
                + Units.bytes(report.cost().activationBytes()) + " activations");
        showProblems(analysis.problemsAt(id), false);
    }

    private static Object display(ParamSpec p, Object value) {
        return switch (p.type()) {
            case INT_LIST, SIZE_2D -> CommitField.format(value); // a size: "3", or "1, 7" for 1 high and 7 wide
            default -> value;
        };
    }

    private EditResult commit(String id, ParamSpec p, Object value) {
        EditResult r = model.setParam(id, p.name(), value);
        showRefusal(r);
        return r;
    }

    private EditResult commitLabel(String id, Object value) {
        EditResult r = model.setLabel(id, value == null ? "" : value.toString().trim());
        showRefusal(r);
        return r;
    }

    private EditResult showRefusal(EditResult r) {
        refusal.setText(r.refusal().map(s -> "Not applied: " + s).orElse(""));
        refusal.setVisible(r.refusal().isPresent());
        return r;
    }

    /** Shows why a range typed in the editors is not a range at all; nothing was sent to the model. */
    private void refuse(String reason) {
        refusal.setText("Not applied: " + reason);
        refusal.setVisible(true);
    }

    private void showModel(GraphAnalysis analysis) {
        shownId = null;
        items.clear();
        sheet.getItems().clear();
        sheet.setVisible(false);
        sheet.setManaged(false);
        refusal.setVisible(false);
        int count = model.selection().size();
        title.setText(count > 1 ? count + " layers selected" : "Model");
        subtitle.setText(analysis.graph().nodes().size() + " layers  ·  " + analysis.graph().edges().size()
                + " connections");
        description.setText(count > 1 ? "Drag to move them together; Delete removes them; Ctrl+D duplicates."
                : "Select a layer to see and change its settings.");
        details.setText(analysis.isValid() ? "Ready to train: every shape fits." : "");
        tips.setVisible(true);
        // An empty canvas is a start, not a mistake: the tips say what to do.
        showProblems(analysis.graph().nodes().isEmpty() ? List.of() : analysis.problems(), true);
    }

    private void showProblems(List<Problem> list, boolean withLocation) {
        problems.getChildren().clear();
        if (list.isEmpty()) {
            return;
        }
        Label header = new Label(list.size() == 1 ? "1 problem" : list.size() + " problems");
        header.getStyleClass().add(DesignerStyle.PALETTE_GROUP);
        problems.getChildren().add(header);
        for (Problem p : list.subList(0, Math.min(list.size(), 50))) {
            Label text = new Label((withLocation ? p.location() + ": " : p.port() == null ? "" : p.port() + ": ")
                    + p.message());
            text.setWrapText(true);
            text.getStyleClass().add(DesignerStyle.PROBLEM_TEXT);
            VBox box = new VBox(6, text);
            box.getStyleClass().add(DesignerStyle.PROBLEM);
            HBox actions = new HBox(8);
            p.fix().ifPresent(f -> {
                Button fix = new Button("Fix: insert " + f.insertType());
                fix.setTooltip(new javafx.scene.control.Tooltip(f.description()));
                fix.getStyleClass().add(DesignerStyle.FIX_BUTTON);
                fix.setOnAction(e -> model.applyFix(f));
                actions.getChildren().add(fix);
            });
            if (withLocation && p.nodeId() != null) {
                Button show = new Button("Select");
                show.getStyleClass().add("flat");
                show.setOnAction(e -> model.select(p.nodeId()));
                actions.getChildren().add(show);
            }
            if (!actions.getChildren().isEmpty()) {
                box.getChildren().add(actions);
            }
            problems.getChildren().add(box);
        }
    }
}
