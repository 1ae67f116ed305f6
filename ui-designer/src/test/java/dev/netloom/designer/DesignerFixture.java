package dev.netloom.designer;

import atlantafx.base.theme.PrimerLight;
import dev.netloom.designer.layout.ElkLayeredLayout;
import dev.netloom.designer.model.DesignerModel;
import dev.netloom.designer.model.PaletteModel;
import dev.netloom.graph.Graph;
import dev.netloom.graph.analysis.GraphAnalyzer;
import dev.netloom.graph.catalog.LayerCatalog;
import dev.netloom.graph.edit.GraphDocument;
import dev.netloom.graph.project.ProjectFile;
import dev.netloom.graph.project.Templates;
import javafx.application.Application;
import javafx.embed.swing.SwingFXUtils;
import javafx.scene.Node;
import javafx.scene.Scene;
import javafx.stage.Stage;

import javax.imageio.ImageIO;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Executor;

/** A designer in a window of a fixed size, for UI tests, screenshots and the benchmark. */
public final class DesignerFixture {

    public static final LayerCatalog CATALOG = LayerCatalog.standard();

    public final DesignerModel model;
    public final GraphDesigner designer;
    public final Scene scene;

    public DesignerFixture(Stage stage, Graph graph, Executor background) {
        Application.setUserAgentStylesheet(new PrimerLight().getUserAgentStylesheet());
        model = new DesignerModel(new GraphDocument(CATALOG, graph), new GraphAnalyzer(CATALOG));
        designer = new GraphDesigner(model, new PaletteModel(CATALOG), new ElkLayeredLayout(CATALOG), background);
        scene = new Scene(designer, 1280, 800);
        stage.setScene(scene);
        stage.show();
    }

    /** A shipped template's graph. */
    public static Graph template(String name) {
        return new Templates(new ProjectFile(CATALOG)).find(name).orElseThrow().project().graph();
    }

    /** Writes a node's picture to a PNG file. */
    public static void snapshot(Node node, Path file) {
        try {
            Files.createDirectories(file.getParent());
            ImageIO.write(SwingFXUtils.fromFXImage(node.snapshot(null, null), null), "png", file.toFile());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
