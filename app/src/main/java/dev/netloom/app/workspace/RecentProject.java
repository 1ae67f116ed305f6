package dev.netloom.app.workspace;

import java.nio.file.Path;
import java.time.Instant;

/** A project the user opened or saved, and when. */
public record RecentProject(Path path, Instant openedAt) {
}
