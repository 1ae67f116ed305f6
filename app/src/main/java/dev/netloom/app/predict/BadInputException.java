package dev.netloom.app.predict;

/** An input a model cannot take: the message is one line naming the input and what is wrong. */
public final class BadInputException extends RuntimeException {

    public BadInputException(String message) {
        super(message);
    }
}
