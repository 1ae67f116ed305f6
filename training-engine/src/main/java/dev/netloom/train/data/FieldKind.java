package dev.netloom.train.data;

/** What a dataset field holds; each kind feeds one kind of graph input. */
public enum FieldKind {
    /** Pictures, [C, H, W] floats per example, normalised; feeds an Image input. */
    IMAGE,
    /** Token ids, [L] per example; feeds a Tokens input. */
    TOKENS,
    /** Numbers of a table row, [F] floats per example; feeds a Tabular input. */
    FEATURES
}
