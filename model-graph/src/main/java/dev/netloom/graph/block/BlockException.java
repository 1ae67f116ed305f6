package dev.netloom.graph.block;

/**
 * A use of a block that cannot be expanded, with one line naming the use and, when one is at
 * fault, the inner node: {@code use stage3 (block inverted-residual): inner node dw: stride: ...}.
 */
public final class BlockException extends IllegalArgumentException {

    private static final long serialVersionUID = 1L;

    private final String useId;

    public BlockException(String useId, String message) {
        super(message);
        this.useId = useId;
    }

    /** The use at fault (a node id of the drawn graph), or empty when the fault is in a definition alone. */
    public String useId() {
        return useId;
    }
}
