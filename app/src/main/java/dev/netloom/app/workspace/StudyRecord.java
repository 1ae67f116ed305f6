package dev.netloom.app.workspace;

import java.time.Instant;

/**
 * A search the studio or the CLI ran for a project. The study itself (trials, values) lives in
 * its own hpo storage; the workspace remembers where.
 *
 * @param name the study's name
 * @param project the project file, absolute
 * @param storage the hpo storage URL (sqlite:... or postgresql://...)
 * @param outDir where its trials' models are
 * @param objectives the objectives, comma separated
 * @param created when it was started
 */
public record StudyRecord(String name, String project, String storage, String outDir, String objectives,
                          Instant created) {
}
