package dev.netloom.train.data;

/**
 * A dataset that cannot feed a graph's inputs, found before training starts; the message is one
 * line naming the input and the shapes, for example
 * {@code input image expects pictures of [1, 28, 28], the dataset gives [3, 32, 32]}.
 */
public class InputMismatchException extends Exception {

    public InputMismatchException(String message) {
        super(message);
    }
}
