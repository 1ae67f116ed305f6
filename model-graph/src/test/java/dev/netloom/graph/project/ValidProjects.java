package dev.netloom.graph.project;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.BigIntegerNode;
import com.fasterxml.jackson.databind.node.BooleanNode;
import com.fasterxml.jackson.databind.node.DoubleNode;
import com.fasterxml.jackson.databind.node.IntNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.LongNode;
import com.fasterxml.jackson.databind.node.NullNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import dev.netloom.graph.Edge;
import dev.netloom.graph.Graph;
import dev.netloom.graph.Node;
import dev.netloom.graph.PortRef;
import dev.netloom.graph.Position;
import dev.netloom.graph.catalog.LayerCatalog;
import dev.netloom.graph.catalog.LayerSpec;
import dev.netloom.graph.catalog.ParamSpec;
import dev.netloom.graph.catalog.PortSpec;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.Tuple;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Generators of projects a {@code .netloom} file can hold: graphs of catalog layers with every
 * parameter inside its range or choices, unique valid ids, positions within the file's ±1e9,
 * edges only from existing output ports to existing input ports (at most one per input, from an
 * earlier node, so the graph is a DAG), and extra sections of arbitrary JSON.
 */
final class ValidProjects {

    private static final LayerCatalog CATALOG = LayerCatalog.standard();

    /** Characters that test a writer's escaping: quotes, backslashes, controls, non-Latin, a line separator. */
    private static final String AWKWARD_CHARS = " .,:;'\"\\/{}[]\n\t\r\u0000\u001b\u00e9\u00df\u4e2d\u2028\u03bb";

    private ValidProjects() {
    }

    static Arbitrary<Project> projects() {
        return Combinators.combine(text(60), text(200), graphs(), sections())
                .as(Project::new);
    }

    static Arbitrary<String> text(int maxLength) {
        return Arbitraries.strings().alpha().numeric().withChars(AWKWARD_CHARS).ofMaxLength(maxLength);
    }

    // ---------------------------------------------------------------- graphs

    static Arbitrary<Graph> graphs() {
        return ids().flatMap(ids -> Combinators.combine(ids.stream().map(ValidProjects::node).toList()).as(List::copyOf))
                .flatMap(nodes -> Arbitraries.of(true, false).flatMap(chain -> edges(nodes, chain))
                        .map(edges -> new Graph(nodes, edges)));
    }

    /** 1 to 12 distinct ids, each a letter or '_' then up to 20 letters, digits, '_' or '-'. */
    static Arbitrary<List<String>> ids() {
        Arbitrary<String> first = Arbitraries.strings().alpha().withChars('_').ofLength(1);
        Arbitrary<String> rest = Arbitraries.strings().alpha().numeric().withChars("_-").ofMaxLength(20);
        return Combinators.combine(first, rest).as(String::concat).list().uniqueElements().ofMinSize(1).ofMaxSize(12);
    }

    static Arbitrary<Node> node(String id) {
        return Arbitraries.of(CATALOG.all()).flatMap(spec -> Combinators.combine(params(spec), positions(), labels())
                .as((params, position, label) -> new Node(id, spec.type(), params, position, label)));
    }

    /** A value for every parameter of the type, in the form ParamSpec.check stores it. */
    static Arbitrary<Map<String, Object>> params(LayerSpec spec) {
        if (spec.params().isEmpty()) {
            return Arbitraries.just(Map.of());
        }
        List<Arbitrary<Object>> values = spec.params().stream().map(ValidProjects::value).toList();
        return Combinators.combine(values).as(list -> {
            Map<String, Object> params = new LinkedHashMap<>();
            for (int i = 0; i < list.size(); i++) {
                ParamSpec p = spec.params().get(i);
                params.put(p.name(), p.check(list.get(i)));
            }
            return params;
        });
    }

    static Arbitrary<Object> value(ParamSpec p) {
        return switch (p.type()) {
            case INT -> Arbitraries.integers().between(p.min().intValue(), p.max().intValue()).map(Object.class::cast);
            case FLOAT -> Arbitraries.doubles().between(p.min(), p.max()).ofScale(12).map(Object.class::cast);
            case BOOL -> Arbitraries.of(true, false).map(Object.class::cast);
            case CHOICE -> Arbitraries.of(p.choices()).map(Object.class::cast);
            case INT_LIST -> Arbitraries.integers().between(p.min().intValue(), p.max().intValue())
                    .list().ofMaxSize(ParamSpec.MAX_LIST_LENGTH).map(Object.class::cast);
            case SIZE_2D -> Arbitraries.oneOf(
                    Arbitraries.integers().between(p.min().intValue(), p.max().intValue()).map(Object.class::cast),
                    Arbitraries.integers().between(p.min().intValue(), p.max().intValue()).list().ofSize(2)
                            .map(Object.class::cast));
        };
    }

    static Arbitrary<Position> positions() {
        Arbitrary<Double> coordinate = Arbitraries.doubles().between(-1e9, 1e9).ofScale(3);
        return Combinators.combine(coordinate, coordinate).as(Position::new);
    }

    static Arbitrary<String> labels() {
        return Arbitraries.frequencyOf(Tuple.of(1, Arbitraries.just("")), Tuple.of(2, text(40)));
    }

    /**
     * For each input port of each node, maybe an edge from an output of an earlier node: in a
     * chain only from the node just before, otherwise from any earlier node.
     */
    static Arbitrary<List<Edge>> edges(List<Node> nodes, boolean chain) {
        List<Arbitrary<Optional<Edge>>> choices = new ArrayList<>();
        for (int j = 0; j < nodes.size(); j++) {
            List<PortRef> sources = new ArrayList<>();
            for (int i = chain ? Math.max(0, j - 1) : 0; i < j; i++) {
                Node from = nodes.get(i);
                CATALOG.require(from.type()).outputs().forEach(out -> sources.add(new PortRef(from.id(), out.name())));
            }
            if (sources.isEmpty()) {
                continue;
            }
            for (PortSpec in : CATALOG.require(nodes.get(j).type()).inputs()) {
                PortRef to = new PortRef(nodes.get(j).id(), in.name());
                choices.add(Arbitraries.frequencyOf(
                        Tuple.of(1, Arbitraries.just(Optional.<Edge>empty())),
                        Tuple.of(3, Arbitraries.of(sources).map(from -> Optional.of(new Edge(from, to))))));
            }
        }
        if (choices.isEmpty()) {
            return Arbitraries.just(List.of());
        }
        return Combinators.combine(choices).as(list -> list.stream().flatMap(Optional::stream).toList());
    }

    // ---------------------------------------------------------------- sections

    /** Some of the known sections (always objects) and some unknown ones (any JSON value). */
    static Arbitrary<Map<String, JsonNode>> sections() {
        // The blocks section is read by the model language itself (BlockExpansionTest): arbitrary JSON is not a block.
        Arbitrary<String> known = Arbitraries.of(Project.KNOWN_SECTIONS.stream().filter(k -> !k.equals(BlockSection.KEY))
                .toList());
        Arbitrary<String> unknown = Arbitraries.strings().alpha().ofMinLength(1).ofMaxLength(12)
                .filter(k -> !Project.FIELDS.contains(k) && !Project.KNOWN_SECTIONS.contains(k));
        Arbitrary<Map<String, JsonNode>> knownSections = Arbitraries.maps(known, objects(3).map(JsonNode.class::cast))
                .ofMaxSize(4);
        Arbitrary<Map<String, JsonNode>> unknownSections = Arbitraries.maps(unknown, json(3)).ofMaxSize(3);
        return Combinators.combine(knownSections, unknownSections).as((a, b) -> {
            Map<String, JsonNode> all = new LinkedHashMap<>(a);
            all.putAll(b);
            return all;
        });
    }

    /**
     * Any JSON value up to a depth, with numbers of the node type Jackson reads them back as:
     * int-sized whole numbers as IntNode, long-sized as LongNode, larger as BigIntegerNode, and
     * finite doubles as DoubleNode.
     */
    static Arbitrary<JsonNode> json(int depth) {
        Arbitrary<JsonNode> leaf = Arbitraries.oneOf(
                Arbitraries.just(NullNode.getInstance()),
                Arbitraries.of(true, false).map(BooleanNode::valueOf),
                Arbitraries.integers().map(IntNode::valueOf),
                Arbitraries.oneOf(
                        Arbitraries.longs().between(Integer.MAX_VALUE + 1L, Long.MAX_VALUE),
                        Arbitraries.longs().between(Long.MIN_VALUE, Integer.MIN_VALUE - 1L)).map(LongNode::valueOf),
                Arbitraries.bigIntegers().between(BigInteger.valueOf(Long.MAX_VALUE).add(BigInteger.ONE),
                        BigInteger.TEN.pow(40)).map(BigIntegerNode::valueOf),
                Arbitraries.oneOf(
                        Arbitraries.doubles().between(-1e6, 1e6).ofScale(9),
                        Arbitraries.of(0.0, -0.0, 1e-300, -2.5e300, Double.MIN_VALUE, Double.MAX_VALUE))
                        .map(DoubleNode::valueOf),
                text(30).map(TextNode::valueOf));
        if (depth == 0) {
            return leaf;
        }
        Arbitrary<JsonNode> array = json(depth - 1).list().ofMaxSize(4).map(items -> {
            var a = JsonNodeFactory.instance.arrayNode();
            items.forEach(a::add);
            return a;
        });
        return Arbitraries.frequencyOf(
                Tuple.of(3, leaf),
                Tuple.of(1, array),
                Tuple.of(1, objects(depth).map(JsonNode.class::cast)));
    }

    static Arbitrary<ObjectNode> objects(int depth) {
        Arbitrary<JsonNode> values = depth == 0 ? json(0) : json(depth - 1);
        return Arbitraries.maps(text(12), values).ofMaxSize(4).map(fields -> {
            ObjectNode o = JsonNodeFactory.instance.objectNode();
            fields.forEach(o::set);
            return o;
        });
    }
}
