package dev.netloom.graph.search;

import dev.netloom.graph.Graph;
import dev.netloom.graph.Node;
import dev.netloom.graph.block.BlockLibrary;
import dev.netloom.graph.block.BlockUse;
import dev.netloom.graph.catalog.Category;
import dev.netloom.graph.catalog.LayerCatalog;
import dev.netloom.graph.catalog.LayerSpec;
import dev.netloom.graph.catalog.ParamSpec;
import dev.netloom.graph.catalog.ParamType;

/**
 * Whether a searchable parameter fits what it targets: the node and parameter exist, the
 * parameter can be searched, and the range lies inside the allowed range or choices of its
 * {@link ParamSpec}. The file reader, the edit API and the property sheet all ask here, so a
 * range is refused for the same reason everywhere.
 */
public final class SearchRules {

    private final LayerCatalog catalog;
    private final BlockLibrary blocks;

    public SearchRules(LayerCatalog catalog) {
        this(catalog, BlockLibrary.EMPTY);
    }

    /** Rules that also know the project's blocks, so a use's repeat count, block and parameters can be searched. */
    public SearchRules(LayerCatalog catalog, BlockLibrary blocks) {
        this.catalog = catalog;
        this.blocks = blocks;
    }

    /**
     * The spec of what a target changes.
     *
     * @throws SearchRangeException on field {@code target} when the node or parameter is missing
     *     or cannot be searched
     */
    public ParamSpec spec(SearchTarget target, Graph graph) {
        if (target instanceof SearchTarget.TrainingSetting t) {
            return SearchableSettings.training(t.name()).orElseThrow(() -> new SearchRangeException("target",
                    "training setting \"" + t.name() + "\" cannot be searched; these can: " + String.join(", ",
                            SearchableSettings.TRAINING.stream().map(ParamSpec::name).toList())));
        }
        SearchTarget.NodeParameter n = (SearchTarget.NodeParameter) target;
        Node node = graph.node(n.nodeId()).orElseThrow(() ->
                new SearchRangeException("target", "no node \"" + n.nodeId() + "\""));
        if (BlockUse.isUse(node)) {
            return new BlockSearch(catalog, blocks).spec(node, n.name());
        }
        LayerSpec layer = catalog.find(node.type()).orElseThrow(() ->
                new SearchRangeException("target", catalog.unknownTypeMessage(node.type())));
        ParamSpec spec = layer.param(n.name()).orElseThrow(() -> new SearchRangeException("target",
                layer.type() + " node " + n.nodeId() + " has no parameter \"" + n.name() + "\""));
        String why = whyNotSearchable(layer, spec);
        if (why != null) {
            throw new SearchRangeException("target", why);
        }
        return spec;
    }

    /**
     * Why a layer's parameter cannot be searched, or null when it can. Inputs and heads take their
     * sizes from the data; lists of numbers (a Reshape target) have no range to search.
     */
    public static String whyNotSearchable(LayerSpec layer, ParamSpec spec) {
        if (layer.category() == Category.INPUTS || layer.category() == Category.HEADS) {
            return layer.type() + "'s " + spec.name() + " comes from the data, so the search does not change it";
        }
        if (spec.type() == ParamType.INT_LIST) {
            return spec.name() + " is a list of numbers, which the search does not change";
        }
        return null;
    }

    /**
     * Checks a searchable parameter against the graph.
     *
     * @return the parameter with its choices in their stored form (an integer choice written as 3.0 becomes 3)
     * @throws SearchRangeException naming the field at fault
     */
    public SearchableParameter check(SearchableParameter p, Graph graph) {
        ParamSpec spec = spec(p.target(), graph);
        return new SearchableParameter(p.target(), check(p.range(), spec));
    }

    /** Checks a range against a parameter's spec; returns it with choices in stored form. */
    public static Range check(Range range, ParamSpec spec) {
        String name = possessive(spec.name());
        if (range instanceof Range.IntRange r) {
            // A size in two dimensions searches square sizes: 3, 5, 7 mean 3x3, 5x5, 7x7.
            if (spec.type() != ParamType.INT && spec.type() != ParamType.SIZE_2D) {
                throw wrongKind(spec);
            }
            within(r.low(), "low", spec, name);
            within(r.high(), "high", spec, name);
            return r;
        }
        if (range instanceof Range.FloatRange r) {
            if (spec.type() != ParamType.FLOAT) {
                throw wrongKind(spec);
            }
            within(r.low(), "low", spec, name);
            within(r.high(), "high", spec, name);
            return r;
        }
        Range.Choices c = (Range.Choices) range;
        java.util.List<Object> stored = new java.util.ArrayList<>();
        for (int i = 0; i < c.values().size(); i++) {
            Object v = c.values().get(i);
            try {
                stored.add(spec.check(wholeIfInt(v, spec)));
            } catch (IllegalArgumentException e) {
                throw new SearchRangeException("choices[" + i + "]", Range.describe(v) + " is not allowed for "
                        + spec.name() + ": it " + e.getMessage());
            }
        }
        return new Range.Choices(stored);
    }

    /** A whole number read as 3.0 (JSON does not tell them apart) is the integer 3 for an integer parameter. */
    private static Object wholeIfInt(Object v, ParamSpec spec) {
        boolean whole = spec.type() == ParamType.INT || spec.type() == ParamType.SIZE_2D;
        if (v instanceof Double d && whole && d == Math.rint(d) && Math.abs(d) < 1e9) {
            return (int) (double) d;
        }
        return v;
    }

    private static SearchRangeException wrongKind(ParamSpec spec) {
        String use = switch (spec.type()) {
            case INT, SIZE_2D -> "\"int\" or \"choices\"";
            case FLOAT -> "\"float\" or \"choices\"";
            default -> "\"choices\"";
        };
        return new SearchRangeException("kind", spec.name() + " is " + spec.allowed() + "; use " + use);
    }

    private static void within(double value, String field, ParamSpec spec, String name) {
        boolean whole = spec.type() == ParamType.INT || spec.type() == ParamType.SIZE_2D;
        String shown = whole ? String.valueOf((long) value) : Range.format(value);
        if (spec.min() != null && value < spec.min()) {
            throw new SearchRangeException(field, shown + " is below " + name + " minimum " + bound(spec.min(), whole));
        }
        if (spec.max() != null && value > spec.max()) {
            throw new SearchRangeException(field, shown + " is above " + name + " maximum " + bound(spec.max(), whole));
        }
    }

    private static String bound(double b, boolean whole) {
        return whole ? String.valueOf((long) b) : Range.format(b);
    }

    /** "units'" and "hidden's": the parameter's name as an owner in a message. */
    static String possessive(String name) {
        return name.endsWith("s") ? name + "'" : name + "'s";
    }
}
