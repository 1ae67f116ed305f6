package dev.netloom.train.data;

/** What a dataset field holds; each kind feeds one kind of graph input. */
public enum FieldKind {
    /** Pictures, [C, H, W] floats per example, normalised; feeds an Image input. */
    IMAGE,
    /** Token ids, [L] per example; feeds a Tokens input. */
    TOKENS,
    /** Numbers of a table row, [F] floats per example; feeds a Tabular input. */
    FEATURES,
    /**
     * A class per position, [H, W] (a mask beside a picture) or [L] (a tag per token) class ids per
     * example, {@link dev.netloom.train.PositionLabels#UNLABELLED} where unlabelled; the label of a
     * per-position head, never a graph input.
     */
    MASK
}
