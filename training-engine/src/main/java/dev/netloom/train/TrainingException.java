package dev.netloom.train;

/** A run that cannot start or cannot go on; the message is one line for people. */
public final class TrainingException extends Exception {

    public TrainingException(String message) {
        super(message, null, false, false);
    }
}
