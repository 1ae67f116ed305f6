package dev.netloom.app.studio;

import dev.netloom.app.StudioServices;
import dev.netloom.app.data.DataFiles;
import dev.netloom.app.data.DataView;
import dev.netloom.app.runs.RunsView;
import dev.netloom.app.runs.RunsViewModel;
import dev.netloom.app.data.DataViewModel;
import dev.netloom.app.data.SourceForm;
import dev.netloom.app.session.ProjectSession;
import dev.netloom.app.training.TrainView;
import dev.netloom.app.training.TrainViewModel;
import dev.netloom.app.export.ExportFiles;
import dev.netloom.app.export.ExportView;
import dev.netloom.app.workspace.RecentProject;
import dev.netloom.app.workspace.Workspace;
import dev.netloom.designer.GraphDesigner;
import dev.netloom.designer.layout.ElkLayeredLayout;
import dev.netloom.designer.model.DesignerModel;
import dev.netloom.designer.model.Flow;
import dev.netloom.designer.model.PaletteModel;
import dev.netloom.designer.view.DesignerStyle;
import dev.netloom.graph.Graph;
import dev.netloom.graph.edit.GraphDocument;
import dev.netloom.graph.project.Project;
import dev.netloom.train.data.DataSources;
import javafx.animation.KeyFrame;
import javafx.animation.Timeline;
import javafx.application.Application;
import javafx.scene.Node;
import javafx.scene.Scene;
import javafx.scene.control.Button;
import javafx.scene.control.ContentDisplay;
import javafx.scene.control.Label;
import javafx.scene.control.Menu;
import javafx.scene.control.MenuBar;
import javafx.scene.control.MenuItem;
import javafx.scene.control.SeparatorMenuItem;
import javafx.scene.control.ToggleButton;
import javafx.scene.control.ToggleGroup;
import javafx.scene.control.ToolBar;
import javafx.scene.control.Tooltip;
import javafx.scene.input.KeyCombination;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.StackPane;
import javafx.scene.layout.VBox;
import javafx.stage.Stage;
import javafx.util.Duration;
import org.kordamp.ikonli.Ikon;
import org.kordamp.ikonli.javafx.FontIcon;
import org.kordamp.ikonli.materialdesign2.MaterialDesignA;
import org.kordamp.ikonli.materialdesign2.MaterialDesignB;
import org.kordamp.ikonli.materialdesign2.MaterialDesignC;
import org.kordamp.ikonli.materialdesign2.MaterialDesignD;
import org.kordamp.ikonli.materialdesign2.MaterialDesignE;
import org.kordamp.ikonli.materialdesign2.MaterialDesignF;
import org.kordamp.ikonli.materialdesign2.MaterialDesignG;
import org.kordamp.ikonli.materialdesign2.MaterialDesignH;
import org.kordamp.ikonli.materialdesign2.MaterialDesignP;
import org.kordamp.ikonli.materialdesign2.MaterialDesignR;
import org.kordamp.ikonli.materialdesign2.MaterialDesignT;
import org.kordamp.ikonli.materialdesign2.MaterialDesignU;
import org.kordamp.ikonli.materialdesign2.MaterialDesignW;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;

/**
 * The studio's main window: a menu and tool bar, a left rail of views (Design, Data, Train,
 * Tune, Export, Runs), and the project session behind them. Design, Data and Train work; Tune,
 * Export and Runs say plainly that they come once training is set up.
 */
public final class StudioWindow {

    /** How often unsaved changes are written to the autosave file. */
    public static final Duration AUTOSAVE_EVERY = Duration.minutes(1);

    private final StudioServices services;
    private final Workspace workspace;
    private final Stage stage;
    private final Prompts prompts;
    private final dev.netloom.app.runs.AdaptPane adaptPane;
    private final DesignerModel designerModel;
    private final GraphDesigner designer;
    private final ElkLayeredLayout layout;
    private final ProjectSession session;
    private final DataView dataView;
    private final Map<String, Node> views = new LinkedHashMap<>();
    private final Map<String, java.util.function.Supplier<Node>> factories = new LinkedHashMap<>();
    private final Map<String, ToggleButton> railButtons = new LinkedHashMap<>();
    private final StackPane content = new StackPane();
    private final BorderPane root = new BorderPane();
    private final Menu recentMenu = new Menu("Open Recent");
    private final Timeline autosave;
    private Theme theme;

    /**
     * @param home the Netloom home (an untitled project autosaves there)
     * @param io where files are read and written and layouts computed
     * @param fx the FX thread's executor ({@code Platform::runLater})
     * @param prompts the questions asked of the user (dialogs in the studio)
     */
    public StudioWindow(StudioServices services, Workspace workspace, Path home, Stage stage, Executor io,
                        Executor fx, Prompts prompts) {
        this.services = services;
        this.workspace = workspace;
        this.stage = stage;
        this.prompts = prompts;
        designerModel = new DesignerModel(new GraphDocument(services.catalog(), Graph.EMPTY), services.analyzer());
        layout = new ElkLayeredLayout(services.catalog());
        designer = new GraphDesigner(designerModel, new PaletteModel(services.catalog()), layout, io);
        session = new ProjectSession(services.projectFile(), designerModel, home, io, fx);
        dataView = new DataView(new DataViewModel(session, io),
                new SourceForm(Path.of(DataSources.FASHION_MNIST_FOLDER)), DataFiles.dialogs(() -> stage));

        views.put("Design", designer);
        views.put("Data", dataView);
        DataFiles folders = DataFiles.dialogs(() -> stage);
        // "Adapt this model" on a finished run trains in the Train view, where its curves are shown.
        adaptPane = new dev.netloom.app.runs.AdaptPane(services.projectFile(), services.analyzer(),
                () -> folders.chooseFolder("picture folder (one sub-folder per class)"), request -> {
                    showView("Train");
                    ((TrainView) view("Train")).model().adapt(request);
                });
        // The other views are built the first time they are shown: the window appears without
        // waiting for the device catalog, the study list or the run log.
        factories.put("Train", () -> new TrainView(new TrainViewModel(session, services, workspace.runs(), fx),
                () -> folders.chooseFolder("teacher model folder")));
        factories.put("Tune", () -> new dev.netloom.app.search.TuneView(
                new dev.netloom.app.search.TuneViewModel(services, session, workspace.runs(), io, fx)));
        factories.put("Export", () -> ExportView.create(services, workspace, session.fileProperty(), io, fx,
                ExportFiles.dialogs(() -> stage)));
        factories.put("Runs", () -> new RunsView(new RunsViewModel(workspace.runs(), session.fileProperty(),
                services.projectFile(), io, fx),
                new dev.netloom.app.runs.TryItViewModel(services.projectFile(), io, fx),
                dev.netloom.app.runs.PictureFiles.dialogs(() -> stage), adaptPane));

        root.getStyleClass().add(StudioStyle.WINDOW);
        VBox top = new VBox(menuBar(), toolBar());
        // A workspace that had to be started afresh says so here, once, instead of stopping the studio.
        workspace.notice().ifPresent(line -> top.getChildren().add(new NoticeBar(line)));
        // The designer cannot show block uses yet: a file with blocks opens as plain layers, and says so.
        NoticeBar blocks = new NoticeBar("This project's blocks are shown as plain layers: the designer cannot "
                + "show blocks yet, and saving writes the layers. Search depth and block choice with netloom tune.",
                "blocks-notice");
        blocks.setVisible(false);
        blocks.setManaged(false);
        session.blocksExpandedProperty().addListener((obs, was, now) -> {
            blocks.setVisible(now);
            blocks.setManaged(now);
        });
        top.getChildren().add(blocks);
        root.setTop(top);
        root.setLeft(rail());
        root.setCenter(content);
        Scene scene = new Scene(root, 1440, 900);
        scene.getStylesheets().addAll(DesignerStyle.STYLESHEET, StudioStyle.STYLESHEET);
        stage.setScene(scene);
        stage.titleProperty().bind(session.titleProperty());
        stage.setMinWidth(960);
        stage.setMinHeight(600);
        stage.setOnCloseRequest(e -> {
            if (!confirmClose()) {
                e.consume();
            }
        });
        applyTheme(Theme.fromSetting(workspace.setting(Theme.SETTING).orElse("light")));
        showView("Design");

        autosave = new Timeline(new KeyFrame(AUTOSAVE_EVERY, e -> session.autosave()));
        autosave.setCycleCount(Timeline.INDEFINITE);
        autosave.play();
    }

    public ProjectSession session() {
        return session;
    }

    public GraphDesigner designer() {
        return designer;
    }

    public DataView dataView() {
        return dataView;
    }

    /** The Train view (its model drives runs in tests and screenshots). */
    public TrainView trainView() {
        return (TrainView) view("Train");
    }

    /** The Runs view's "Adapt" tab. */
    public dev.netloom.app.runs.AdaptPane adaptPane() {
        return adaptPane;
    }

    /** The Runs view (tests and screenshots drive its "Try it" tab). */
    public RunsView runsView() {
        return (RunsView) view("Runs");
    }

    public Scene scene() {
        return stage.getScene();
    }

    // ---- views ----

    /** Shows a view of the rail by its name ("Design", "Data", ...). */
    public void showView(String name) {
        Node view = view(name);
        content.getChildren().setAll(view);
        railButtons.get(name).setSelected(true);
        dataView.model().setActive(view == dataView);
        if (view instanceof RunsView runs) {
            runs.refresh(); // runs may have been recorded by another view or a CLI process meanwhile
        }
        if (view == designer) {
            designer.canvas().requestFocus();
        }
    }

    /** A view by name, built now if it was not yet. */
    private Node view(String name) {
        return views.computeIfAbsent(name, n -> factories.get(n).get());
    }

    private VBox rail() {
        VBox rail = new VBox(4);
        rail.getStyleClass().add(StudioStyle.RAIL);
        ToggleGroup group = new ToggleGroup();
        Map<String, Ikon> icons = Map.of("Design", MaterialDesignG.GRAPH_OUTLINE, "Data", MaterialDesignD.DATABASE_OUTLINE,
                "Train", MaterialDesignP.PLAY_CIRCLE_OUTLINE, "Tune", MaterialDesignT.TUNE_VARIANT,
                "Export", MaterialDesignE.EXPORT_VARIANT, "Runs", MaterialDesignH.HISTORY);
        java.util.List<String> names = new java.util.ArrayList<>(views.keySet());
        names.addAll(factories.keySet());
        for (String name : names) {
            FontIcon icon = new FontIcon(icons.get(name));
            icon.setIconSize(22);
            ToggleButton b = new ToggleButton(name, icon);
            b.setContentDisplay(ContentDisplay.TOP);
            b.getStyleClass().add(StudioStyle.RAIL_BUTTON);
            b.setId("rail-" + name.toLowerCase(java.util.Locale.ROOT));
            b.setToggleGroup(group);
            b.setMaxWidth(Double.MAX_VALUE);
            b.setOnAction(e -> showView(name));
            railButtons.put(name, b);
            rail.getChildren().add(b);
        }
        // Keep one view selected: clicking the selected button does not unselect it.
        group.selectedToggleProperty().addListener((obs, old, now) -> {
            if (now == null && old != null) {
                old.setSelected(true);
            }
        });
        return rail;
    }

    private MenuBar menuBar() {
        Menu file = new Menu("File");
        file.getItems().addAll(
                item("New Project…", "Shortcut+N", this::newProject),
                item("Open…", "Shortcut+O", this::open),
                recentMenu,
                new SeparatorMenuItem(),
                item("Save", "Shortcut+S", this::save),
                item("Save As…", "Shortcut+Shift+S", this::saveAs),
                new SeparatorMenuItem(),
                item("Quit", "Shortcut+Q", () -> {
                    if (confirmClose()) {
                        stage.close();
                    }
                }));
        file.setOnShowing(e -> fillRecent());
        // Delete and F are the designer's own keys (only while the canvas has focus), so these
        // menu items show them in their text rather than as accelerators that would fire while typing.
        Menu edit = new Menu("Edit");
        MenuItem undo = item("Undo", "Shortcut+Z", designerModel::undo);
        undo.textProperty().bind(designerModel.undoTextProperty());
        undo.disableProperty().bind(designerModel.canUndoProperty().not());
        MenuItem redo = item("Redo", "Shortcut+Shift+Z", designerModel::redo);
        redo.textProperty().bind(designerModel.redoTextProperty());
        redo.disableProperty().bind(designerModel.canRedoProperty().not());
        edit.getItems().addAll(undo, redo, new SeparatorMenuItem(),
                item("Copy", "Shortcut+C", designerModel::copySelection),
                item("Paste", "Shortcut+V", designerModel::paste),
                item("Duplicate", "Shortcut+D", designerModel::duplicateSelection),
                item("Delete    (Delete)", null, designerModel::deleteSelection),
                item("Select All", "Shortcut+A", () -> designerModel.selectAll(designerModel.graph().nodesById().keySet())),
                new SeparatorMenuItem(),
                item("Find Node…", "Shortcut+Shift+F", () -> {
                    showView("Design");
                    designer.findNode();
                }),
                item("Search Layers to Add…", "Shortcut+F", () -> {
                    showView("Design");
                    designer.focusSearch();
                }));
        Menu view = new Menu("View");
        ToggleGroup flows = new ToggleGroup();
        view.getItems().addAll(
                item("Fit to View    (F)", null, designer::fitToView),
                item("Auto-layout", "Shortcut+L", designer::autoLayout),
                flowItem(Flow.TOP_TO_BOTTOM, flows),
                flowItem(Flow.LEFT_TO_RIGHT, flows),
                new SeparatorMenuItem(),
                item("Light / Dark Theme", "Shortcut+Shift+T", () -> applyTheme(theme.other())));
        Menu help = new Menu("Help");
        help.getItems().addAll(
                item("Keyboard Shortcuts", "F1", () -> info("Keyboard shortcuts", HelpTexts.SHORTCUTS, true)),
                item("Getting Started", null, () -> info("Getting started", HelpTexts.GUIDE, false)),
                new SeparatorMenuItem(),
                item("About Netloom Studio", null, this::about));
        MenuBar bar = new MenuBar(file, edit, view, help);
        bar.setUseSystemMenuBar(true);
        return bar;
    }

    /** "Read Top to Bottom" / "Read Left to Right": ticked as the open drawing reads; choosing one lays it out again. */
    private MenuItem flowItem(Flow flow, ToggleGroup group) {
        javafx.scene.control.RadioMenuItem i = new javafx.scene.control.RadioMenuItem("Read " + flow.displayName());
        i.setToggleGroup(group);
        i.setSelected(designerModel.flow() == flow);
        designerModel.flowProperty().addListener((obs, old, now) -> i.setSelected(now == flow));
        i.setOnAction(e -> {
            if (designerModel.flow() != flow) {
                designer.setFlow(flow);
            }
        });
        return i;
    }

    /** A non-blocking information window (monospaced for the shortcut table). */
    private void info(String title, String text, boolean mono) {
        javafx.scene.control.Alert a = new javafx.scene.control.Alert(javafx.scene.control.Alert.AlertType.INFORMATION);
        a.initOwner(stage);
        a.setTitle(title);
        a.setHeaderText(title);
        Label body = new Label(text);
        body.setWrapText(!mono);
        if (mono) {
            body.setStyle("-fx-font-family: monospace;");
        }
        body.setMaxWidth(780);
        a.getDialogPane().setContent(body);
        a.setResizable(true);
        a.show();
    }

    /** Help › About: the versions, read off the FX thread from the jars on the class path. */
    private void about() {
        CompletableFuture.supplyAsync(Versions::read)
                .thenAcceptAsync(v -> info("About Netloom Studio", v.text(), false), javafx.application.Platform::runLater);
    }

    private static MenuItem item(String text, String accelerator, Runnable action) {
        MenuItem i = new MenuItem(text);
        if (accelerator != null) {
            i.setAccelerator(KeyCombination.keyCombination(accelerator));
        }
        i.setOnAction(e -> action.run());
        return i;
    }

    private ToolBar toolBar() {
        Label title = new Label();
        title.textProperty().bind(session.nameProperty());
        title.getStyleClass().add(StudioStyle.PROJECT_TITLE);
        Label unsaved = new Label("unsaved");
        unsaved.getStyleClass().add(StudioStyle.MUTED);
        unsaved.visibleProperty().bind(session.dirtyProperty());
        Region spacer = new Region();
        HBox.setHgrow(spacer, Priority.ALWAYS);
        Button undo = tool(MaterialDesignU.UNDO, "Undo (Ctrl+Z)", designerModel::undo);
        undo.disableProperty().bind(designerModel.canUndoProperty().not());
        Button redo = tool(MaterialDesignR.REDO, "Redo (Ctrl+Shift+Z)", designerModel::redo);
        redo.disableProperty().bind(designerModel.canRedoProperty().not());
        Button themeButton = tool(MaterialDesignW.WEATHER_NIGHT, "Light or dark theme", () -> applyTheme(theme.other()));
        themeButton.setId("theme-toggle");
        Button newButton = new Button("New project", icon(MaterialDesignF.FILE_PLUS_OUTLINE));
        newButton.setId("new-project");
        newButton.getStyleClass().add(StudioStyle.PRIMARY_ACTION);
        newButton.setOnAction(e -> newProject());
        ToolBar bar = new ToolBar(
                icon(MaterialDesignB.BRAIN), title, unsaved, spacer,
                newButton,
                tool(MaterialDesignF.FOLDER_OPEN_OUTLINE, "Open… (Ctrl+O)", this::open),
                tool(MaterialDesignC.CONTENT_SAVE_OUTLINE, "Save (Ctrl+S)", this::save),
                undo, redo,
                tool(MaterialDesignA.AUTO_FIX, "Auto-layout (Ctrl+L)", designer::autoLayout),
                tool(MaterialDesignF.FIT_TO_SCREEN_OUTLINE, "Fit to view (F)", designer::fitToView),
                themeButton);
        bar.getStyleClass().add(StudioStyle.TOOLBAR);
        return bar;
    }

    private static FontIcon icon(Ikon ikon) {
        FontIcon i = new FontIcon(ikon);
        i.setIconSize(18);
        return i;
    }

    private static Button tool(Ikon ikon, String tip, Runnable action) {
        Button b = new Button(null, icon(ikon));
        b.getStyleClass().addAll("flat", "button-icon");
        b.setTooltip(new Tooltip(tip));
        b.setOnAction(e -> action.run());
        return b;
    }

    private void fillRecent() {
        recentMenu.getItems().clear();
        for (RecentProject r : workspace.recentProjects()) {
            MenuItem i = new MenuItem(r.path().getFileName() + "  —  " + r.path().getParent());
            i.setOnAction(e -> openFile(r.path()));
            recentMenu.getItems().add(i);
        }
        recentMenu.setDisable(recentMenu.getItems().isEmpty());
    }

    // ---- theme ----

    /** Switches the theme and remembers it in the workspace. */
    public void applyTheme(Theme next) {
        theme = next;
        Application.setUserAgentStylesheet(next.userAgentStylesheet());
        root.getStyleClass().remove(StudioStyle.DARK);
        if (next == Theme.DARK) {
            root.getStyleClass().add(StudioStyle.DARK);
        }
        designer.canvas().setDarkGrid(next == Theme.DARK);
        workspace.putSetting(Theme.SETTING, next.settingValue());
    }

    public Theme theme() {
        return theme;
    }

    // ---- projects ----

    /** Asks what to do with unsaved changes; true when it is fine to go on (saved or discarded). */
    public boolean confirmClose() {
        if (!session.dirtyProperty().get()) {
            session.discardAutosave();
            return true;
        }
        return switch (prompts.unsavedChanges(session.nameProperty().get())) {
            case SAVE -> {
                Optional<Path> target = saveTarget();
                if (target.isEmpty()) {
                    yield false;
                }
                // Closing waits for the write: the file must be on disk before the window goes.
                try {
                    session.saveNow(target.get());
                    workspace.addRecent(target.get());
                    yield true;
                } catch (java.io.IOException e) {
                    prompts.error("Cannot save " + target.get().getFileName(), e.getMessage());
                    yield false;
                }
            }
            case DISCARD -> {
                session.discardAutosave();
                yield true;
            }
            case CANCEL -> false;
        };
    }

    private Optional<Path> saveTarget() {
        Path f = session.fileProperty().get();
        return f != null ? Optional.of(f) : prompts.chooseSaveTarget(session.nameProperty().get());
    }

    public void newProject() {
        if (!confirmClose()) {
            return;
        }
        prompts.newProject(TemplateChoice.all(services.templates(), services.analyzer())).ifPresent(p -> {
            session.start(drawnTopToBottom(p), null);
            showView("Design");
            designer.fitToView();
        });
    }

    /** Starts a project (as the wizard would) without asking. */
    public void startProject(Project project) {
        session.start(drawnTopToBottom(project), null);
        designer.fitToView();
    }

    /**
     * A new project from a template, drawn top to bottom: the templates' files are drawn left to
     * right, and a deep model read that way is a long strip at a zoom nobody can read.
     */
    private Project drawnTopToBottom(Project p) {
        if (p.graph().nodes().isEmpty()) {
            return p;
        }
        return p.withGraph(layout.laidOut(p.graph(), Flow.TOP_TO_BOTTOM));
    }

    private void open() {
        if (confirmClose()) {
            prompts.chooseProjectToOpen().ifPresent(this::openFile);
        }
    }

    /**
     * Opens a project file: read off the FX thread; if an autosave newer than the file exists,
     * offers to recover it.
     */
    public CompletableFuture<Void> openFile(Path file) {
        return session.read(file).handleAsync((project, error) -> {
            if (error != null) {
                Throwable cause = error.getCause() != null ? error.getCause() : error;
                prompts.error("Cannot open " + file.getFileName(), cause.getMessage());
                return null;
            }
            Optional<Project> autosaved = session.recoverable(file);
            if (autosaved.isPresent() && prompts.recover("Netloom did not close cleanly while "
                    + file.getFileName() + " had unsaved changes. Recover them?")) {
                session.startRecovered(autosaved.get(), file);
            } else {
                if (autosaved.isPresent()) {
                    ProjectSession.autosaveFileOf(file).toFile().delete();
                }
                session.start(project, file, this::drawnTopToBottom);
            }
            workspace.addRecent(file);
            showView("Design");
            designer.fitToView();
            return null;
        }, javafx.application.Platform::runLater);
    }

    /** At start-up: offers to recover an untitled project left by a crash. */
    public void offerStartupRecovery() {
        session.recoverable(null).ifPresent(p -> {
            if (prompts.recover("Netloom did not close cleanly while an unsaved project was open. Recover it?")) {
                session.startRecovered(p, null);
                designer.fitToView();
            } else {
                session.discardAutosave();
            }
        });
    }

    public void save() {
        saveTarget().ifPresent(this::saveTo);
    }

    private void saveAs() {
        prompts.chooseSaveTarget(session.nameProperty().get()).ifPresent(this::saveTo);
    }

    /** Saves to a file (off the FX thread) and records it as recent. */
    public CompletableFuture<Path> saveTo(Path target) {
        return session.save(target).whenComplete((path, error) -> {
            if (error != null) {
                Throwable cause = error.getCause() != null ? error.getCause() : error;
                javafx.application.Platform.runLater(() -> prompts.error("Cannot save " + target.getFileName(),
                        String.valueOf(cause.getMessage())));
            } else {
                workspace.addRecent(path);
            }
        });
    }

    /** Stops the autosave timer (the window is going away). */
    public void dispose() {
        autosave.stop();
        if (views.get("Runs") instanceof RunsView runs) {
            runs.dispose();
        }
    }
}
