package dev.netloom.app.workspace;

/**
 * One step of the workspace schema: the SQL that takes version {@code version - 1} to
 * {@code version}. Steps are never edited once shipped; a change is a new step.
 *
 * @param version the schema version after this step
 * @param description what the step adds, for the log and for people reading the list
 * @param sql statements separated by semicolons
 */
public record Migration(int version, String description, String sql) {
}
