package dev.netloom.app.training;

/** A teacher or start model this run cannot use, said in one line with the reason. */
public final class AdaptationException extends Exception {

    public AdaptationException(String message) {
        super(message);
    }
}
