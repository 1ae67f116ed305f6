package dev.netloom.app.export;

import dev.netloom.app.workspace.RunLog;
import dev.netloom.app.workspace.RunRecord;
import dev.netloom.app.workspace.RunStatus;

import java.nio.file.Path;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * A trained model the export view can export: a finished run's artifact, or a model folder the
 * person chose.
 *
 * @param artifact the model artifact folder
 * @param label what the picker shows ("run 3 · 26 Nov 14:02 · test 91.2%")
 */
public record ModelChoice(Path artifact, String label) {

    private static final DateTimeFormatter WHEN = DateTimeFormatter.ofPattern("d MMM HH:mm", Locale.ROOT)
            .withZone(ZoneId.systemDefault());

    /** A folder chosen by hand. */
    public static ModelChoice folder(Path artifact) {
        return new ModelChoice(artifact, artifact.getFileName() + "  ·  " + artifact.toAbsolutePath().getParent());
    }

    /** A project's finished runs that wrote a model, newest first (none for a project without a file). */
    public static List<ModelChoice> ofProject(RunLog log, Optional<Path> project) {
        if (project.isEmpty()) {
            return List.of();
        }
        return log.runs(project).stream()
                .filter(r -> r.status() == RunStatus.FINISHED && r.artifactPath().isPresent())
                .map(ModelChoice::of)
                .toList();
    }

    private static ModelChoice of(RunRecord r) {
        String accuracy = r.testAccuracy() == null ? "" : String.format(Locale.ROOT, "  ·  test %.1f%%", r.testAccuracy() * 100);
        return new ModelChoice(Path.of(r.artifact()), r.name() + "  ·  " + WHEN.format(r.started()) + accuracy);
    }

    @Override
    public String toString() {
        return label;
    }
}
