package dev.netloom.graph.catalog;

/**
 * Thrown by a layer's shape rule when its inputs or parameters cannot work together. The
 * analyser turns it into a {@code Problem} that names the node.
 */
public final class ShapeException extends RuntimeException {

    private final String port;

    /**
     * @param port the port the problem is at, or null when it is about the layer's parameters
     * @param message what is wrong, in words that name what was expected and what was found
     */
    public ShapeException(String port, String message) {
        super(message, null, false, false);
        this.port = port;
    }

    /** The port the problem is at, or null. */
    public String port() {
        return port;
    }
}
