package dev.netloom.graph;

/** The element type a tensor holds. */
public enum ElementType {
    /** 32-bit floats: images, features, activations. */
    FLOAT32,
    /** 64-bit integers: token ids, looked up by an Embedding. */
    INT64
}
