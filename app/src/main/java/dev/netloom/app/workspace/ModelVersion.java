package dev.netloom.app.workspace;

import java.time.Instant;

/**
 * A run's model registered under a name: the model registry. Versions count up per name.
 *
 * @param id its number in the workspace
 * @param name the model's name ("fashion-classifier")
 * @param version 1, 2, ... per name
 * @param runId the run it came from (null if that run was deleted)
 * @param artifact the model artifact folder
 * @param note what the person wrote about it
 * @param created when it was registered
 */
public record ModelVersion(long id, String name, int version, Long runId, String artifact, String note,
                           Instant created) {
}
