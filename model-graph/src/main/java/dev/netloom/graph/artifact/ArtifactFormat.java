package dev.netloom.graph.artifact;

/**
 * The model artifact's format version: written into {@code training.json} by the training engine
 * and checked by every reader, so an artifact from a newer studio is refused with its version
 * rather than misread.
 */
public final class ArtifactFormat {

    /** The version this code writes and reads. */
    public static final int VERSION = 1;

    private ArtifactFormat() {
    }

    /** Why an artifact of {@code found} cannot be read, or null when it can. */
    public static String problem(int found) {
        return found == VERSION ? null : "this model artifact is format " + found + "; this version of netloom reads format "
                + VERSION + (found > VERSION ? " (it was made by a newer netloom)"
                : " (it was made by an older netloom; train the model again)");
    }
}
