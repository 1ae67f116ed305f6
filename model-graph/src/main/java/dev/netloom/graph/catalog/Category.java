package dev.netloom.graph.catalog;

/** The palette group a layer type belongs to, in the order the palette shows them. */
public enum Category {
    INPUTS("Inputs"),
    CORE("Core"),
    CONVOLUTION("Convolution"),
    ATTENTION_FUSION("Attention & Fusion"),
    RECURRENT("Recurrent"),
    MIXTURE_OF_EXPERTS("Mixture of Experts"),
    NORMALIZATION("Normalization"),
    HEADS("Heads");

    private final String displayName;

    Category(String displayName) {
        this.displayName = displayName;
    }

    public String displayName() {
        return displayName;
    }
}
