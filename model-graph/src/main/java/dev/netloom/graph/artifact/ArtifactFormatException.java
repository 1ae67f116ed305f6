package dev.netloom.graph.artifact;

/** A folder that cannot be read as a model artifact, in one line naming the folder or file at fault. */
public final class ArtifactFormatException extends RuntimeException {

    public ArtifactFormatException(String message) {
        super(message);
    }
}
