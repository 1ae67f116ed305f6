package dev.netloom.graph.block;

import dev.netloom.graph.Node;
import dev.netloom.graph.catalog.ParamSpec;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * A node that uses a block: type {@value #TYPE}, parameter {@value #BLOCK} naming the definition,
 * {@value #REPEAT} saying how many copies are chained (0 passes its input straight through, so a
 * search over the repeat count can also skip the block), and a value for any of the block's
 * parameters; the others keep the definition's defaults.
 *
 * <pre>{@code { "id": "stage3", "type": "Block", "params": { "block": "inverted-residual-skip", "repeat": 2, "expand": 192, "out": 32 } }}</pre>
 */
public final class BlockUse {

    /** The node type of a use. Not a layer type: a use is expanded into layers before anything computes. */
    public static final String TYPE = "Block";
    /** The parameter naming the block used. */
    public static final String BLOCK = "block";
    /** The parameter saying how many chained copies. */
    public static final String REPEAT = "repeat";
    /** The most copies one use chains. */
    public static final int MAX_REPEAT = 64;

    /** The repeat count as a parameter: what the file reader and the search check it against. */
    public static final ParamSpec REPEAT_SPEC = ParamSpec.integer(REPEAT, 1, 0, MAX_REPEAT,
            "How many copies of the block follow one another; 0 skips the block (its input passes straight through).");

    private BlockUse() {
    }

    /** Whether a node is a use of a block. */
    public static boolean isUse(Node node) {
        return TYPE.equals(node.type());
    }

    /** The block a use names. */
    public static String blockName(Node use) {
        Object name = use.params().get(BLOCK);
        return name instanceof String s ? s : "";
    }

    /** How many copies a use chains (1 when not given). */
    public static int repeat(Node use) {
        Object r = use.params().get(REPEAT);
        return r instanceof Integer i ? i : 1;
    }

    /** The values a use gives the block's parameters. */
    public static Map<String, Object> bindings(Node use) {
        Map<String, Object> out = new TreeMap<>(use.params());
        out.remove(BLOCK);
        out.remove(REPEAT);
        return out;
    }

    /** The block-choice parameter for a search: the given block names. */
    public static ParamSpec blockSpec(String current, List<String> choices) {
        return ParamSpec.choice(BLOCK, current, choices, "Which block stands at this place.");
    }

    /** The drawn use a node of an expanded graph came from ({@code stage3#2/dw} → {@code stage3}); the id itself for a plain node. */
    public static String useOf(String expandedId) {
        int slash = expandedId.indexOf('/');
        if (slash < 0) {
            return expandedId;
        }
        String head = expandedId.substring(0, slash);
        int hash = head.indexOf('#');
        return hash < 0 ? head : head.substring(0, hash);
    }
}
