package dev.netloom.app.workspace;

import java.time.Instant;
import java.util.Optional;

/**
 * One training run as the workspace keeps it.
 *
 * @param id its number in the workspace
 * @param project the project file, absolute
 * @param name what the run is called ("run 7", or the trial's name)
 * @param started when it started
 * @param ended when it ended, null while running
 * @param status where it stands
 * @param settings the training settings as JSON
 * @param dataset the dataset's name
 * @param fingerprint the dataset's SHA-256 fingerprint
 * @param artifact the model artifact folder, null until written
 * @param testAccuracy test accuracy (share), null until evaluated
 * @param bestValidationAccuracy best validation accuracy so far (share), null before the first epoch
 * @param study the study it belongs to, null for a plain run
 * @param trial its trial number in that study, null for a plain run
 * @param message how it ended, in words
 */
public record RunRecord(long id, String project, String name, Instant started, Instant ended, RunStatus status,
                        String settings, String dataset, String fingerprint, String artifact, Double testAccuracy,
                        Double bestValidationAccuracy, String study, Integer trial, String message) {

    public Optional<String> artifactPath() {
        return Optional.ofNullable(artifact);
    }
}
