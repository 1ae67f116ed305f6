package dev.netloom.app;

import dev.netloom.graph.analysis.GraphAnalyzer;
import dev.netloom.graph.catalog.LayerCatalog;
import dev.netloom.graph.project.ProjectFile;
import dev.netloom.graph.project.Templates;

/**
 * The services the CLI and (later) the studio window share, wired once and passed in, so that
 * every GUI action and its CLI twin call the same code.
 *
 * @param catalog the layer types
 * @param projectFile reads and writes {@code .netloom} files
 * @param analyzer shapes, problems and costs
 * @param templates the shipped project templates
 */
public record StudioServices(LayerCatalog catalog, ProjectFile projectFile, GraphAnalyzer analyzer,
                             Templates templates) {

    /** The standard wiring. */
    public static StudioServices standard() {
        LayerCatalog catalog = LayerCatalog.standard();
        ProjectFile projectFile = new ProjectFile(catalog);
        return new StudioServices(catalog, projectFile, new GraphAnalyzer(catalog), new Templates(projectFile));
    }
}
