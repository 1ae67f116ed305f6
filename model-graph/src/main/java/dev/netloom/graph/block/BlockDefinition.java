package dev.netloom.graph.block;

import dev.netloom.graph.Edge;
import dev.netloom.graph.Node;
import dev.netloom.graph.PortRef;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;
import java.util.regex.Pattern;

/**
 * A block: a named group of layers drawn once and used many times (an inverted residual, a
 * transformer encoder). Its life: defined in the project file's {@code blocks} section (or copied
 * from the built-in blocks); <b>used</b> by graph nodes of type {@link BlockUse#TYPE}, each with a
 * repeat count and values for the block's parameters; <b>expanded</b> by {@link BlockExpansion}
 * into plain layers named {@code use/inner}, which is all that analysis, training and export see.
 *
 * <p>An inner node's parameter may be written {@code "$name"}: it then takes the value of the
 * block's parameter {@code name} (the use's value, else the default here).
 *
 * @param name the block's name, as uses refer to it
 * @param description a sentence for the person choosing it
 * @param params the block's parameters with their default values, sorted by name
 * @param inputs each input port of the block and the inner input ports it feeds (one or more)
 * @param outputs each output port of the block and the inner output port it gives
 * @param nodes the inner layers (ids are drawn ids, unique within the block)
 * @param edges the inner connections
 */
public record BlockDefinition(String name, String description, Map<String, Object> params,
                              Map<String, List<PortRef>> inputs, Map<String, PortRef> outputs,
                              List<Node> nodes, List<Edge> edges) {

    /** A block name or block parameter name: a letter, then letters, digits, {@code _} or {@code -}. */
    private static final Pattern NAME = Pattern.compile("[A-Za-z][A-Za-z0-9_-]{0,63}");

    /** What marks an inner parameter's value as a reference to a block parameter. */
    public static final String REFERENCE = "$";

    public BlockDefinition {
        Objects.requireNonNull(name, "name");
        description = description == null ? "" : description;
        params = Collections.unmodifiableMap(new TreeMap<>(params));
        Map<String, List<PortRef>> in = new LinkedHashMap<>();
        inputs.forEach((k, v) -> in.put(k, List.copyOf(v)));
        inputs = Collections.unmodifiableMap(in);
        outputs = Collections.unmodifiableMap(new LinkedHashMap<>(outputs));
        nodes = List.copyOf(nodes);
        edges = List.copyOf(edges);
    }

    /** True when {@code text} may name a block or a block parameter. */
    public static boolean isValidName(String text) {
        return text != null && NAME.matcher(text).matches();
    }

    /** The block parameter an inner value refers to ({@code "$out"} → {@code out}), if it is a reference. */
    public static Optional<String> reference(Object value) {
        if (value instanceof String s && s.startsWith(REFERENCE) && s.length() > 1) {
            return Optional.of(s.substring(1));
        }
        return Optional.empty();
    }

    /** Whether a use of this block may repeat it: one input and one output, so copies chain. */
    public boolean chains() {
        return inputs.size() == 1 && outputs.size() == 1;
    }

    /** The inner node of that id, if any. */
    public Optional<Node> node(String id) {
        return nodes.stream().filter(n -> n.id().equals(id)).findFirst();
    }

    /** How many layers one copy of the block holds. */
    public int size() {
        return nodes.size();
    }
}
