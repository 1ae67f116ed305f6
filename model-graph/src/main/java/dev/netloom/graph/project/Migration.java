package dev.netloom.graph.project;

import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * Turns a project file's tree of schema version {@code from} into version {@code from + 1}.
 * When the file format changes, bump {@link ProjectFile#SCHEMA_VERSION}, add a migration to
 * {@link ProjectFile#MIGRATIONS}, and keep a file of the old version in the test resources.
 */
public interface Migration {

    /** The version this migration reads. */
    int from();

    /** Rewrites the tree in place to version {@code from() + 1}; need not touch {@code schemaVersion}. */
    void migrate(ObjectNode root);
}
