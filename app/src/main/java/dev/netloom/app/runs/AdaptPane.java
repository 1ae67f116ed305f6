package dev.netloom.app.runs;

import dev.netloom.app.studio.StudioStyle;
import dev.netloom.app.training.AdaptRequest;
import dev.netloom.app.workspace.RunRecord;
import dev.netloom.graph.analysis.GraphAnalysis;
import dev.netloom.graph.analysis.GraphAnalyzer;
import dev.netloom.graph.analysis.NodeReport;
import dev.netloom.graph.catalog.Category;
import dev.netloom.graph.project.ProjectFile;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.ToggleButton;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.FlowPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.VBox;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * The Runs view's "Adapt" tab: "Adapt this model" for a finished run. Pick a picture folder (a
 * sub-folder of a few pictures per class is enough), click the model's cards to choose what stays
 * frozen (frozen cards are marked; by default everything but the last layer before the head),
 * and Train: the Train view runs it ({@link AdaptRequest}), the head re-created for the folder's
 * classes.
 */
public final class AdaptPane extends VBox {

    /** Style class of a node's card; {@code :selected} when frozen. */
    public static final String CARD = "adapt-card";

    private final ProjectFile files;
    private final GraphAnalyzer analyzer;
    private final Supplier<Optional<Path>> chooseFolder;
    private final Consumer<AdaptRequest> train;
    private final Label title = new Label("Select a finished run to adapt its model to new pictures.");
    private final Label folderLine = new Label("No picture folder chosen.");
    private final Label problem = new Label();
    private final FlowPane cards = new FlowPane(8, 8);
    private final Button trainButton = new Button("Train");
    private final List<ToggleButton> toggles = new ArrayList<>();
    private Path artifact;
    private Path folder;

    /**
     * @param chooseFolder asks for the picture folder (a chooser in the studio, scripted in tests)
     * @param train starts the adaptation (the window shows the Train view and runs it)
     */
    public AdaptPane(ProjectFile files, GraphAnalyzer analyzer, Supplier<Optional<Path>> chooseFolder,
                     Consumer<AdaptRequest> train) {
        super(10);
        this.files = files;
        this.analyzer = analyzer;
        this.chooseFolder = chooseFolder;
        this.train = train;
        setPadding(new Insets(10));
        setId("adapt-pane");
        title.setId("adapt-title");
        title.getStyleClass().add(StudioStyle.SECTION_TITLE);
        title.setWrapText(true);
        Button choose = new Button("Choose picture folder…");
        choose.setId("adapt-choose-folder");
        choose.setOnAction(e -> chooseFolder.get().ifPresent(this::useFolder));
        choose.disableProperty().bind(cards.disabledProperty());
        folderLine.setId("adapt-folder");
        folderLine.setWrapText(true);
        HBox folderRow = new HBox(10, choose, folderLine);
        folderRow.setAlignment(Pos.CENTER_LEFT);
        Label hint = new Label("Click a card to freeze it (its weights and BatchNorm statistics stay as trained) or to "
                + "let it learn. The head is made anew for the folder's classes.");
        hint.getStyleClass().add(StudioStyle.MUTED);
        hint.setWrapText(true);
        cards.setId("adapt-cards");
        problem.setId("adapt-problem");
        problem.getStyleClass().add(StudioStyle.ERROR_LINE);
        problem.setWrapText(true);
        problem.visibleProperty().bind(problem.textProperty().isNotEmpty());
        problem.managedProperty().bind(problem.visibleProperty());
        trainButton.setId("adapt-train");
        trainButton.getStyleClass().add(StudioStyle.PRIMARY_ACTION);
        trainButton.setDisable(true);
        trainButton.setOnAction(e -> train.accept(new AdaptRequest(artifact, folder, frozen())));
        getChildren().addAll(title, folderRow, hint, cards, problem, trainButton);
        show(null);
    }

    /** Shows a run: its model's cards when it has a model, else why not. */
    public void show(RunRecord run) {
        toggles.clear();
        cards.getChildren().clear();
        problem.setText("");
        artifact = run == null ? null : run.artifactPath().map(Path::of).orElse(null);
        if (artifact == null) {
            title.setText(run == null ? "Select a finished run to adapt its model to new pictures."
                    : run.name() + " has no model to adapt.");
            updateTrain();
            return;
        }
        title.setText("Adapt " + run.name() + "'s model to new pictures");
        try {
            GraphAnalysis analysis = analyzer.analyze(files.read(artifact.resolve("graph.json")).graph());
            List<NodeReport> weighted = new ArrayList<>();
            for (var n : analysis.graph().nodes()) {
                analysis.report(n.id()).filter(r -> r.cost().parameters() > 0).ifPresent(weighted::add);
            }
            int lastBody = -1;
            for (int i = 0; i < weighted.size(); i++) {
                if (weighted.get(i).spec().category() != Category.HEADS) {
                    lastBody = i;
                }
            }
            for (int i = 0; i < weighted.size(); i++) {
                NodeReport r = weighted.get(i);
                boolean head = r.spec().category() == Category.HEADS;
                ToggleButton card = new ToggleButton(r.node().id() + "\n" + r.spec().type());
                card.setId("adapt-card-" + r.node().id());
                card.getStyleClass().add(CARD);
                card.setUserData(r.node().id());
                card.setSelected(!head && i < lastBody);
                card.setDisable(head);
                card.setTooltip(new Tooltip(head ? "The head is made anew for the folder's classes"
                        : String.format(java.util.Locale.ROOT, "%,d parameters; selected: frozen", r.cost().parameters())));
                toggles.add(card);
                cards.getChildren().add(card);
            }
        } catch (dev.netloom.graph.project.ProjectFormatException | RuntimeException e) {
            problem.setText("Cannot read " + artifact + ": " + e.getMessage());
            artifact = null;
        }
        updateTrain();
    }

    /** The nodes whose cards are selected (frozen), in graph order. */
    public Set<String> frozen() {
        Set<String> out = new LinkedHashSet<>();
        toggles.stream().filter(ToggleButton::isSelected).forEach(t -> out.add((String) t.getUserData()));
        return out;
    }

    /** Uses a picture folder, as choosing it does (tests answer the chooser this way). */
    public void useFolder(Path chosen) {
        folder = chosen;
        try {
            List<String> classes = AdaptRequest.classesIn(chosen);
            folderLine.setText(chosen + ": " + classes.size() + (classes.size() == 1 ? " class" : " classes")
                    + (classes.isEmpty() ? "" : " (" + String.join(", ", classes) + ")"));
            problem.setText(classes.size() < 2 ? "The folder needs a sub-folder of pictures for each class, at least two."
                    : "");
        } catch (IOException e) {
            problem.setText("Cannot read " + chosen + ": " + e.getMessage());
        }
        updateTrain();
    }

    private void updateTrain() {
        trainButton.setDisable(artifact == null || folder == null || !problem.getText().isEmpty());
    }
}
