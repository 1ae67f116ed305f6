package dev.netloom.graph.project;

import static dev.netloom.graph.json.StrictJson.clip;
import static dev.netloom.graph.json.StrictJson.kind;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.netloom.graph.Direction;
import dev.netloom.graph.Edge;
import dev.netloom.graph.Graph;
import dev.netloom.graph.Node;
import dev.netloom.graph.PortRef;
import dev.netloom.graph.Position;
import dev.netloom.graph.block.BlockDefinition;
import dev.netloom.graph.block.BlockExpansion;
import dev.netloom.graph.block.BlockLibrary;
import dev.netloom.graph.block.BlockUse;
import dev.netloom.graph.catalog.Category;
import dev.netloom.graph.catalog.LayerCatalog;
import dev.netloom.graph.catalog.LayerSpec;
import dev.netloom.graph.catalog.ParamSpec;
import dev.netloom.graph.json.StrictJson;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

/**
 * The project file's {@code blocks} section: the blocks the graph's uses refer to, read into a
 * {@link BlockLibrary} and written back (docs/project-file.md).
 *
 * <pre>{@code
 * "blocks": {
 *   "inverted-residual": {
 *     "description": "...",
 *     "params": { "expand": 96, "out": 24, "stride": 1 },
 *     "inputs": { "in": ["expand.in"] },
 *     "outputs": { "out": "project_bn.out" },
 *     "nodes": [ { "id": "expand", "type": "Conv2d", "params": { "filters": "$expand", "kernel": 1 } }, ... ],
 *     "edges": [ { "from": "expand.out", "to": "expand_bn.in" }, ... ]
 *   }
 * }
 * }</pre>
 *
 * A file without the section has no blocks, so files written before blocks existed read
 * unchanged. Refusals name the JSON path: {@code blocks.ir.nodes[2].params.filters: $wide is not a
 * parameter of block ir (it has expand, out, stride)}.
 */
public final class BlockSection {

    /** The section's key in the project file. */
    public static final String KEY = "blocks";

    private static final ObjectMapper MAPPER = StrictJson.mapper();
    private static final Set<String> FIELDS = Set.of("description", "params", "inputs", "outputs", "nodes", "edges");
    private static final Set<String> NODE_FIELDS = Set.of("id", "type", "label", "position", "params");

    private BlockSection() {
    }

    /** The blocks a project defines; its file was checked when read. */
    public static BlockLibrary library(Project project, LayerCatalog catalog) throws ProjectFormatException {
        return read(project.sections().get(KEY), catalog, source(project));
    }

    /**
     * The project as plain layers: every block use expanded ({@link BlockExpansion}), without the
     * {@code blocks} section, and without the searchable parameters of uses (a repeat count or a
     * block choice has no meaning once expanded). A project without uses comes back unchanged.
     */
    public static Project flatten(Project project, LayerCatalog catalog) throws ProjectFormatException {
        if (!project.sections().containsKey(KEY) && !BlockExpansion.hasUses(project.graph())) {
            return project;
        }
        BlockLibrary library = library(project, catalog);
        Graph flat;
        try {
            flat = new BlockExpansion(catalog).expand(project.graph(), library);
        } catch (IllegalArgumentException e) {
            throw new ProjectFormatException(source(project), "graph", e.getMessage());
        }
        Set<String> uses = new HashSet<>();
        project.graph().nodes().stream().filter(BlockUse::isUse).forEach(n -> uses.add(n.id()));
        Map<String, JsonNode> sections = new LinkedHashMap<>(project.sections());
        sections.remove(KEY);
        JsonNode search = sections.get(SearchSection.KEY);
        if (search != null && search.isObject() && search.get(SearchSection.PARAMETERS) instanceof ArrayNode list) {
            ArrayNode kept = JsonNodeFactory.instance.arrayNode();
            for (JsonNode entry : list) {
                String target = entry.path("target").asText("");
                boolean onUse = uses.stream().anyMatch(u -> target.startsWith("node:" + u + "."));
                if (!onUse) {
                    kept.add(entry);
                }
            }
            ObjectNode copy = (ObjectNode) search.deepCopy();
            if (kept.isEmpty()) {
                copy.remove(SearchSection.PARAMETERS);
            } else {
                copy.set(SearchSection.PARAMETERS, kept);
            }
            sections.put(SearchSection.KEY, copy);
        }
        return new Project(project.name(), project.description(), flat, sections);
    }

    /** The project with its {@code blocks} section set to {@code library} (removed when empty). */
    public static Project write(Project project, BlockLibrary library) {
        Map<String, JsonNode> sections = new LinkedHashMap<>(project.sections());
        if (library.isEmpty()) {
            sections.remove(KEY);
        } else {
            sections.put(KEY, toJson(library));
        }
        return new Project(project.name(), project.description(), project.graph(), sections);
    }

    /** The section for a library. */
    public static ObjectNode toJson(BlockLibrary library) {
        ObjectNode section = JsonNodeFactory.instance.objectNode();
        for (BlockDefinition d : library.blocks().values()) {
            ObjectNode o = section.putObject(d.name());
            if (!d.description().isEmpty()) {
                o.put("description", d.description());
            }
            ObjectNode params = o.putObject("params");
            d.params().forEach((k, v) -> params.set(k, MAPPER.valueToTree(v)));
            ObjectNode inputs = o.putObject("inputs");
            d.inputs().forEach((k, v) -> {
                ArrayNode ports = inputs.putArray(k);
                v.forEach(p -> ports.add(p.toString()));
            });
            ObjectNode outputs = o.putObject("outputs");
            d.outputs().forEach((k, v) -> outputs.put(k, v.toString()));
            ArrayNode nodes = o.putArray("nodes");
            for (Node n : d.nodes()) {
                ObjectNode node = nodes.addObject();
                node.put("id", n.id());
                node.put("type", n.type());
                if (!n.label().isEmpty()) {
                    node.put("label", n.label());
                }
                ObjectNode pos = node.putObject("position");
                pos.put("x", n.position().x());
                pos.put("y", n.position().y());
                ObjectNode np = node.putObject("params");
                n.params().forEach((k, v) -> np.set(k, MAPPER.valueToTree(v)));
            }
            ArrayNode edges = o.putArray("edges");
            for (Edge e : d.edges()) {
                ObjectNode edge = edges.addObject();
                edge.put("from", e.from().toString());
                edge.put("to", e.to().toString());
            }
        }
        return section;
    }

    /**
     * Reads a {@code blocks} section (null: no blocks).
     *
     * @param source the name for messages, usually the file
     */
    public static BlockLibrary read(JsonNode section, LayerCatalog catalog, String source) throws ProjectFormatException {
        if (section == null || section.isNull()) {
            return BlockLibrary.EMPTY;
        }
        if (!section.isObject()) {
            throw new ProjectFormatException(source, KEY, "must be an object of blocks by name, got " + kind(section));
        }
        Map<String, BlockDefinition> blocks = new TreeMap<>();
        Iterator<Map.Entry<String, JsonNode>> it = section.fields();
        while (it.hasNext()) {
            Map.Entry<String, JsonNode> f = it.next();
            String path = KEY + "." + clip(f.getKey());
            if (!BlockDefinition.isValidName(f.getKey())) {
                throw new ProjectFormatException(source, path, "\"" + clip(f.getKey()) + "\" is not a block name: start "
                        + "with a letter, then letters, digits, '_' or '-' (at most 64)");
            }
            blocks.put(f.getKey(), new Reading(source, catalog).definition(f.getKey(), f.getValue(), path));
        }
        return new BlockLibrary(blocks);
    }

    private static String source(Project project) {
        return project.name().isBlank() ? "project" : project.name();
    }

    /** One block definition being read. */
    private record Reading(String source, LayerCatalog catalog) {

        ProjectFormatException error(String path, String reason) {
            return new ProjectFormatException(source, path, reason);
        }

        BlockDefinition definition(String name, JsonNode d, String path) throws ProjectFormatException {
            object(d, path);
            Iterator<String> keys = d.fieldNames();
            while (keys.hasNext()) {
                String k = keys.next();
                if (!FIELDS.contains(k)) {
                    throw error(path + "." + clip(k), "is not a field of a block; a block has " + String.join(", ",
                            FIELDS.stream().sorted().toList()));
                }
            }
            String description = d.has("description") ? text(d.get("description"), path + ".description") : "";
            Map<String, Object> params = new TreeMap<>();
            if (d.has("params")) {
                JsonNode p = d.get("params");
                object(p, path + ".params");
                Iterator<Map.Entry<String, JsonNode>> it = p.fields();
                while (it.hasNext()) {
                    Map.Entry<String, JsonNode> f = it.next();
                    String ppath = path + ".params." + clip(f.getKey());
                    if (!BlockDefinition.isValidName(f.getKey()) || f.getKey().equals(BlockUse.BLOCK)
                            || f.getKey().equals(BlockUse.REPEAT)) {
                        throw error(ppath, "\"" + clip(f.getKey()) + "\" cannot name a block parameter: use a letter, "
                                + "then letters, digits, '_' or '-', and not \"block\" or \"repeat\"");
                    }
                    if (!(f.getValue().isValueNode() || f.getValue().isArray()) || f.getValue().isNull()) {
                        throw error(ppath, "must be a default value (a number, a word, true or false), got " + kind(f.getValue()));
                    }
                    params.put(f.getKey(), ProjectFile.javaValue(f.getValue()));
                }
            }
            List<Node> nodes = new ArrayList<>();
            Map<String, LayerSpec> specs = new HashMap<>();
            JsonNode ns = d.get("nodes");
            if (ns == null || !ns.isArray() || ns.isEmpty()) {
                throw error(path + ".nodes", "must be a list of at least one layer");
            }
            for (int i = 0; i < ns.size(); i++) {
                Node n = node(ns.get(i), path + ".nodes[" + i + "]", name, params);
                if (specs.put(n.id(), catalog.require(n.type())) != null) {
                    throw error(path + ".nodes[" + i + "].id", "\"" + n.id() + "\" is used by another node of the block");
                }
                nodes.add(n);
            }
            Set<PortRef> fed = new HashSet<>();
            List<Edge> edges = new ArrayList<>();
            JsonNode es = d.get("edges");
            if (es != null) {
                array(es, path + ".edges");
                for (int i = 0; i < es.size(); i++) {
                    String epath = path + ".edges[" + i + "]";
                    object(es.get(i), epath);
                    PortRef from = port(es.get(i).get("from"), epath + ".from", Direction.OUT, specs);
                    PortRef to = port(es.get(i).get("to"), epath + ".to", Direction.IN, specs);
                    if (!fed.add(to)) {
                        throw error(epath + ".to", "input " + to + " already has an incoming edge; an input takes one");
                    }
                    edges.add(new Edge(from, to));
                }
            }
            Map<String, List<PortRef>> inputs = new LinkedHashMap<>();
            JsonNode in = d.get("inputs");
            if (in == null || !in.isObject() || in.isEmpty()) {
                throw error(path + ".inputs", "must name at least one input: {\"in\": [\"first.in\"]}");
            }
            Iterator<Map.Entry<String, JsonNode>> ii = in.fields();
            while (ii.hasNext()) {
                Map.Entry<String, JsonNode> f = ii.next();
                String ipath = path + ".inputs." + clip(f.getKey());
                portName(f.getKey(), ipath);
                List<PortRef> ports = new ArrayList<>();
                JsonNode v = f.getValue();
                List<JsonNode> items = new ArrayList<>();
                if (v.isArray()) {
                    v.forEach(items::add);
                } else {
                    items.add(v);
                }
                if (items.isEmpty()) {
                    throw error(ipath, "must name the inner inputs it feeds");
                }
                for (int i = 0; i < items.size(); i++) {
                    PortRef p = port(items.get(i), v.isArray() ? ipath + "[" + i + "]" : ipath, Direction.IN, specs);
                    if (!fed.add(p)) {
                        throw error(v.isArray() ? ipath + "[" + i + "]" : ipath, "inner input " + p
                                + " is already fed; an input takes one");
                    }
                    ports.add(p);
                }
                inputs.put(f.getKey(), ports);
            }
            Map<String, PortRef> outputs = new LinkedHashMap<>();
            JsonNode out = d.get("outputs");
            if (out == null || !out.isObject() || out.isEmpty()) {
                throw error(path + ".outputs", "must name at least one output: {\"out\": \"last.out\"}");
            }
            Iterator<Map.Entry<String, JsonNode>> oi = out.fields();
            while (oi.hasNext()) {
                Map.Entry<String, JsonNode> f = oi.next();
                String opath = path + ".outputs." + clip(f.getKey());
                portName(f.getKey(), opath);
                outputs.put(f.getKey(), port(f.getValue(), opath, Direction.OUT, specs));
            }
            // Each default must suit every inner parameter that refers to it: checked once here, with the path.
            for (int i = 0; i < nodes.size(); i++) {
                Node n = nodes.get(i);
                for (Map.Entry<String, Object> p : n.params().entrySet()) {
                    Optional<String> ref = BlockDefinition.reference(p.getValue());
                    if (ref.isPresent()) {
                        ParamSpec ps = specs.get(n.id()).param(p.getKey()).orElseThrow();
                        try {
                            ps.check(params.get(ref.get()));
                        } catch (IllegalArgumentException ex) {
                            throw error(path + ".params." + clip(ref.get()), "the default does not suit " + n.id() + "'s "
                                    + p.getKey() + ": " + ex.getMessage());
                        }
                    }
                }
            }
            return new BlockDefinition(name, description, params, inputs, outputs, nodes, edges);
        }

        Node node(JsonNode n, String path, String block, Map<String, Object> blockParams) throws ProjectFormatException {
            object(n, path);
            Iterator<String> keys = n.fieldNames();
            while (keys.hasNext()) {
                String k = keys.next();
                if (!NODE_FIELDS.contains(k)) {
                    throw error(path + "." + clip(k), "is not a field of a layer");
                }
            }
            String id = text(n.get("id"), path + ".id");
            if (!Node.isDrawnId(id)) {
                throw error(path + ".id", "\"" + clip(id) + "\" is not a valid id: start with a letter or '_', then "
                        + "letters, digits, '_' or '-' (at most 64)");
            }
            String type = text(n.get("type"), path + ".type");
            if (BlockUse.TYPE.equals(type)) {
                throw error(path + ".type", "a block cannot use another block; draw its layers in it");
            }
            LayerSpec spec = catalog.find(type).orElseThrow(() -> error(path + ".type", catalog.unknownTypeMessage(type)));
            if (spec.category() == Category.INPUTS || spec.category() == Category.HEADS) {
                throw error(path + ".type", "a block holds no " + spec.type() + ": inputs and heads take their sizes "
                        + "from the data, so they stay in the graph");
            }
            String label = n.has("label") ? text(n.get("label"), path + ".label") : "";
            Position position = Position.ORIGIN;
            JsonNode pos = n.get("position");
            if (pos != null) {
                object(pos, path + ".position");
                double x = pos.path("x").asDouble(0);
                double y = pos.path("y").asDouble(0);
                if (!Double.isFinite(x) || !Double.isFinite(y) || Math.abs(x) > Position.LIMIT || Math.abs(y) > Position.LIMIT) {
                    throw error(path + ".position", "must hold numbers within ±1e9");
                }
                position = new Position(x, y);
            }
            Map<String, Object> params = new LinkedHashMap<>(spec.defaults());
            JsonNode ps = n.get("params");
            if (ps != null) {
                object(ps, path + ".params");
                Iterator<Map.Entry<String, JsonNode>> it = ps.fields();
                while (it.hasNext()) {
                    Map.Entry<String, JsonNode> p = it.next();
                    String ppath = path + ".params." + clip(p.getKey());
                    ParamSpec pspec = spec.param(p.getKey()).orElseThrow(() -> error(ppath, spec.type()
                            + " has no such parameter; it has " + (spec.params().isEmpty() ? "none"
                            : String.join(", ", spec.params().stream().map(ParamSpec::name).toList()))));
                    Object value = ProjectFile.javaValue(p.getValue());
                    Optional<String> ref = BlockDefinition.reference(value);
                    if (ref.isPresent()) {
                        if (!blockParams.containsKey(ref.get())) {
                            throw error(ppath, "$" + clip(ref.get()) + " is not a parameter of block " + block
                                    + (blockParams.isEmpty() ? " (it has none)"
                                    : " (it has " + String.join(", ", blockParams.keySet()) + ")"));
                        }
                        params.put(p.getKey(), value);
                        continue;
                    }
                    try {
                        params.put(p.getKey(), pspec.check(value));
                    } catch (IllegalArgumentException ex) {
                        throw error(ppath, ex.getMessage());
                    }
                }
            }
            return new Node(id, type, params, position, label);
        }

        PortRef port(JsonNode v, String path, Direction direction, Map<String, LayerSpec> specs) throws ProjectFormatException {
            String text = text(v, path);
            PortRef ref;
            try {
                ref = PortRef.parse(text);
            } catch (IllegalArgumentException ex) {
                throw error(path, "expected \"node.port\", got \"" + clip(text) + "\"");
            }
            LayerSpec spec = specs.get(ref.nodeId());
            if (spec == null) {
                throw error(path, "the block has no node \"" + clip(ref.nodeId()) + "\"");
            }
            if (spec.port(ref.port(), direction).isEmpty()) {
                var ports = direction == Direction.IN ? spec.inputs() : spec.outputs();
                throw error(path, spec.type() + " node " + ref.nodeId() + " has no "
                        + (direction == Direction.IN ? "input" : "output") + " port \"" + clip(ref.port()) + "\" (it has "
                        + String.join(", ", ports.stream().map(p -> p.name()).toList()) + ")");
            }
            return ref;
        }

        void portName(String name, String path) throws ProjectFormatException {
            if (!BlockDefinition.isValidName(name)) {
                throw error(path, "\"" + clip(name) + "\" cannot name a port: a letter, then letters, digits, '_' or '-'");
            }
        }

        String text(JsonNode v, String path) throws ProjectFormatException {
            if (v == null) {
                throw error(path, "is missing");
            }
            if (!v.isTextual()) {
                throw error(path, "must be text, got " + kind(v));
            }
            if (v.textValue().length() > Project.MAX_TEXT) {
                throw error(path, "is too long; at most " + Project.MAX_TEXT + " characters");
            }
            return v.textValue();
        }

        void object(JsonNode n, String path) throws ProjectFormatException {
            if (!n.isObject()) {
                throw error(path, "must be an object, got " + kind(n));
            }
        }

        void array(JsonNode n, String path) throws ProjectFormatException {
            if (!n.isArray()) {
                throw error(path, "must be a list, got " + kind(n));
            }
        }
    }
}
