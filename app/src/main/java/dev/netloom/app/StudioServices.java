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
 * @param home the Netloom home: the workspace database, signing keys, user device profiles
 */
public record StudioServices(LayerCatalog catalog, ProjectFile projectFile, GraphAnalyzer analyzer,
                             Templates templates, java.nio.file.Path home) {

    /** The standard wiring, with the home from {@code $NETLOOM_HOME} or {@code ~/.netloom}. */
    public static StudioServices standard() {
        return standard(dev.netloom.app.workspace.Workspace.home(System.getenv()));
    }

    /** The standard wiring with another home (tests use a temporary one). */
    public static StudioServices standard(java.nio.file.Path home) {
        LayerCatalog catalog = LayerCatalog.standard();
        ProjectFile projectFile = new ProjectFile(catalog);
        return new StudioServices(catalog, projectFile, new GraphAnalyzer(catalog), new Templates(projectFile), home);
    }

    /** Opens the workspace in the home (the caller closes it). */
    public dev.netloom.app.workspace.Workspace openWorkspace() throws java.sql.SQLException {
        return dev.netloom.app.workspace.Workspace.open(home);
    }

    /**
     * The user's device profile folder: the {@code netloom.devices.dir} property when set, else
     * {@code devices} in the home ({@code ~/.netloom/devices}).
     */
    public java.nio.file.Path devicesFolder() {
        String configured = System.getProperty(dev.netloom.devices.DeviceCatalog.DIRECTORY_PROPERTY);
        return configured != null && !configured.isBlank() ? java.nio.file.Path.of(configured) : home.resolve("devices");
    }

    /** The shipped device profiles plus the user's (bad files are skipped and listed in its problems()). */
    public dev.netloom.devices.DeviceCatalog devices() {
        return dev.netloom.devices.DeviceCatalog.standard().withUserProfiles(devicesFolder());
    }
}
