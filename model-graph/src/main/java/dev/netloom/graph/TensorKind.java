package dev.netloom.graph;

/**
 * What a tensor means to a person drawing a graph; the editor colours ports by it and layers
 * declare which kinds they accept. Derived from a {@link TensorType}, never stored.
 */
public enum TensorKind {
    /** A feature map, channels first: [C, H, W]. */
    IMAGE("image"),
    /** A sequence of feature vectors: [L, D]. */
    SEQUENCE("sequence"),
    /** One feature vector: [D]. */
    VECTOR("vector"),
    /** A sequence of token ids: [L] of INT64. */
    TOKENS("token ids"),
    /** Any other rank, as a Reshape may make. */
    OTHER("tensor");

    private final String displayName;

    TensorKind(String displayName) {
        this.displayName = displayName;
    }

    /** A word for messages: "image", "sequence", "vector", "token ids", "tensor". */
    public String displayName() {
        return displayName;
    }

    /** The name with its article for messages: "an image", "a vector", "token ids" (a plural takes none). */
    public String withArticle() {
        return switch (this) {
            case IMAGE -> "an " + displayName;
            case TOKENS -> displayName;
            default -> "a " + displayName;
        };
    }
}
