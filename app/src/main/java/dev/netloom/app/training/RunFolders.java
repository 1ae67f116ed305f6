package dev.netloom.app.training;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Where the studio puts a run's model and checkpoint: a folder next to the project,
 * {@code NAME.runs/}, holding {@code run-N/} (the model artifact) and
 * {@code run-N.checkpoint.safetensors}. A project without a file keeps its runs in the Netloom
 * home ({@code untitled.runs/}). Nothing is ever overwritten: a number whose folder or
 * checkpoint exists is skipped.
 *
 * @param name what the run is called in the workspace ("run 3")
 * @param artifact the folder the model artifact goes to (does not exist yet)
 * @param checkpoint the checkpoint file (does not exist yet)
 */
public record RunFolders(String name, Path artifact, Path checkpoint) {

    /** The file name suffix of the runs folder next to a project. */
    public static final String SUFFIX = ".runs";

    /**
     * The next free place for a run of a project.
     *
     * @param projectFile the project's file, or null for an untitled project
     * @param home the Netloom home (for untitled projects)
     * @param firstNumber the smallest run number to try (for example the project's recorded runs + 1)
     */
    public static RunFolders next(Path projectFile, Path home, int firstNumber) {
        Path folder = runsFolder(projectFile, home);
        for (int n = Math.max(1, firstNumber); ; n++) {
            Path artifact = folder.resolve("run-" + n);
            Path checkpoint = folder.resolve("run-" + n + ".checkpoint.safetensors");
            if (!Files.exists(artifact) && !Files.exists(checkpoint)) {
                return new RunFolders("run " + n, artifact, checkpoint);
            }
        }
    }

    /** {@code NAME.runs} beside the project file, or {@code untitled.runs} in the home. */
    public static Path runsFolder(Path projectFile, Path home) {
        if (projectFile == null) {
            return home.resolve("untitled" + SUFFIX);
        }
        Path file = projectFile.toAbsolutePath();
        String name = file.getFileName().toString();
        String stem = name.endsWith(".netloom") ? name.substring(0, name.length() - ".netloom".length()) : name;
        return file.resolveSibling(stem + SUFFIX);
    }
}
