package dev.netloom.graph;

import java.util.Collections;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.regex.Pattern;

/**
 * One layer in a graph: its id, its layer type (a name from the layer catalog), its parameter
 * values, and how the editor shows it (position and label).
 *
 * <p>Parameter values are {@link Integer}, {@link Double}, {@link Boolean}, {@link String} or a
 * {@code List<Integer>}, as the catalog's {@code ParamSpec} for the parameter says. They are
 * kept sorted by name so that equal nodes compare equal and save identically.
 *
 * @param id unique within the graph: a letter or underscore, then letters, digits, {@code _} or {@code -};
 *     an expanded block's nodes have {@code use/inner} ids ({@link #isDrawnId})
 * @param type the layer type, for example {@code "Conv2d"}
 * @param params parameter values by name
 * @param position where the editor draws the node
 * @param label what the editor shows as the node's name; empty means "use the id"
 */
public record Node(String id, String type, Map<String, Object> params, Position position, String label) {

    private static final String SEGMENT = "[A-Za-z_][A-Za-z0-9_-]{0,63}";

    /** An id a person draws: a letter or underscore, then letters, digits, {@code _} or {@code -}; at most 64. */
    private static final Pattern DRAWN = Pattern.compile(SEGMENT);

    /**
     * Any node id: a drawn id, or one that block expansion made, {@code use/inner} or
     * {@code use#2/inner} for the second repeat ({@code dev.netloom.graph.block.BlockExpansion}).
     * The {@code /} and {@code #} cannot appear in a drawn id, so an expanded id never meets one.
     */
    private static final Pattern ID = Pattern.compile(SEGMENT + "(#[0-9]{1,3})?(/" + SEGMENT + "(#[0-9]{1,3})?){0,3}");

    public Node {
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(position, "position");
        if (id == null || !ID.matcher(id).matches()) {
            throw new IllegalArgumentException("node id must start with a letter or '_' and hold only letters, digits, "
                    + "'_' or '-' (at most 64), got \"" + id + "\"");
        }
        params = Collections.unmodifiableMap(new TreeMap<>(params));
        label = label == null ? "" : label;
    }

    /** True when {@code id} is one a person may draw (no {@code /} or {@code #}: those mark expanded blocks). */
    public static boolean isDrawnId(String id) {
        return id != null && DRAWN.matcher(id).matches();
    }

    /** True when {@code id} may name a node, drawn or made by block expansion. */
    public static boolean isValidId(String id) {
        return id != null && ID.matcher(id).matches();
    }

    /** The name to show: the label, or the id when there is none. */
    public String displayName() {
        return label.isEmpty() ? id : label;
    }

    public Node withParams(Map<String, Object> newParams) {
        return new Node(id, type, newParams, position, label);
    }

    public Node withParam(String name, Object value) {
        Map<String, Object> copy = new TreeMap<>(params);
        copy.put(name, value);
        return withParams(copy);
    }

    public Node withPosition(Position newPosition) {
        return new Node(id, type, params, newPosition, label);
    }

    public Node withLabel(String newLabel) {
        return new Node(id, type, params, position, newLabel);
    }

    public Node withId(String newId) {
        return new Node(newId, type, params, position, label);
    }
}
