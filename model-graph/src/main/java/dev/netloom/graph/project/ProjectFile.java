package dev.netloom.graph.project;

import dev.netloom.graph.files.ParserWords;
import static dev.netloom.graph.json.StrictJson.clip;
import static dev.netloom.graph.json.StrictJson.kind;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.util.DefaultPrettyPrinter;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.netloom.graph.json.StrictJson;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.netloom.graph.Direction;
import dev.netloom.graph.Edge;
import dev.netloom.graph.Graph;
import dev.netloom.graph.Node;
import dev.netloom.graph.PortRef;
import dev.netloom.graph.Position;
import dev.netloom.graph.files.AtomicWrite;
import dev.netloom.graph.block.BlockDefinition;
import dev.netloom.graph.block.BlockException;
import dev.netloom.graph.block.BlockExpansion;
import dev.netloom.graph.block.BlockLibrary;
import dev.netloom.graph.block.BlockUse;
import dev.netloom.graph.catalog.LayerCatalog;
import dev.netloom.graph.catalog.LayerSpec;
import dev.netloom.graph.catalog.ParamSpec;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * Reads and writes {@code .netloom} project files.
 *
 * <p>The format (docs/architecture.md): pretty JSON with a stable key order and
 * {@code schemaVersion} first; a {@code graph} with {@code nodes} (id, type, label, position,
 * params) and {@code edges} ({@code "from": "node.port"}, {@code "to": "node.port"}); then the
 * sections other modules own, unknown ones kept.
 *
 * <p>Reading never throws anything but {@link ProjectFormatException}, whose one-line message
 * names the file and the JSON path; hostile input (deep nesting, huge numbers or strings, huge
 * files) is refused early by limits, never by running out of stack or memory. Writing is
 * atomic: the text goes to a temporary file in the same folder, is flushed to disk, then
 * renamed over the old file, so a crash leaves either the old file or the new one.
 */
public final class ProjectFile {

    /** The schema version this build writes. */
    public static final int SCHEMA_VERSION = 1;

    /** Migrations from older schema versions, one per step. Version 1 is the first, so none yet. */
    public static final List<Migration> MIGRATIONS = List.of();

    /** The file extension, with its dot. */
    public static final String EXTENSION = ".netloom";

    /** Larger files are refused before parsing; a big model's graph is well under 1 MiB. */
    public static final long MAX_FILE_BYTES = 32L << 20;

    private static final int MAX_NODES = 100_000;

    private static final ObjectMapper MAPPER = StrictJson.mapper();

    private static final DefaultPrettyPrinter PRETTY = StrictJson.prettyPrinter();

    private final LayerCatalog catalog;
    private final int schemaVersion;
    private final List<Migration> migrations;

    /** A reader and writer for the current schema. */
    public ProjectFile(LayerCatalog catalog) {
        this(catalog, SCHEMA_VERSION, MIGRATIONS);
    }

    /** A reader for a given current version and migrations (tests exercise the migration path with this). */
    public ProjectFile(LayerCatalog catalog, int schemaVersion, List<Migration> migrations) {
        this.catalog = catalog;
        this.schemaVersion = schemaVersion;
        this.migrations = List.copyOf(migrations);
    }

    /** The layer catalog files are checked against. */
    public LayerCatalog catalog() {
        return catalog;
    }

    /** Reads a project file. */
    public Project read(Path file) throws ProjectFormatException {
        String source = file.toString();
        try {
            if (Files.isDirectory(file)) {
                throw new ProjectFormatException(source, "", "is a folder, not a project file");
            }
            if (Files.exists(file) && !Files.isRegularFile(file)) {
                // /dev/zero would be read until memory runs out, and a pipe may block forever or
                // bring more than the size limit: only files on disk are projects.
                throw new ProjectFormatException(source, "", "is not a regular file (a device, pipe or socket); "
                        + "save the project to a file and open that");
            }
            long size = Files.size(file);
            if (size > MAX_FILE_BYTES) {
                throw tooLarge(source, size);
            }
            byte[] bytes;
            try (java.io.InputStream in = Files.newInputStream(file)) {
                bytes = in.readNBytes((int) MAX_FILE_BYTES + 1); // the limit holds even if the file grows meanwhile
            }
            if (bytes.length > MAX_FILE_BYTES) {
                throw new ProjectFormatException(source, "", "is over " + (MAX_FILE_BYTES >> 20)
                        + " MiB; project files are at most " + (MAX_FILE_BYTES >> 20) + " MiB");
            }
            return parse(StandardCharsets.UTF_8.newDecoder().onMalformedInput(java.nio.charset.CodingErrorAction.REPORT)
                    .onUnmappableCharacter(java.nio.charset.CodingErrorAction.REPORT)
                    .decode(java.nio.ByteBuffer.wrap(bytes)).toString(), source);
        } catch (NoSuchFileException e) {
            throw new ProjectFormatException(source, "", "no such file");
        } catch (java.nio.charset.CharacterCodingException e) {
            throw new ProjectFormatException(source, "", "is not UTF-8 text");
        } catch (IOException e) {
            throw new ProjectFormatException(source, "", "cannot be read: " + e.getMessage());
        }
    }

    // Rounded up: a file one byte over the limit must not read "is 32 MiB; ... at most 32 MiB".
    private static ProjectFormatException tooLarge(String source, long size) {
        long mebibytes = (size + (1L << 20) - 1) >> 20;
        return new ProjectFormatException(source, "", "is " + mebibytes + " MiB; project files are at most "
                + (MAX_FILE_BYTES >> 20) + " MiB");
    }

    /**
     * Parses project JSON.
     *
     * @param source the name to use in messages, usually the file name
     */
    public Project parse(String json, String source) throws ProjectFormatException {
        if (json.startsWith("\uFEFF")) {
            json = json.substring(1); // a byte-order mark, as some Windows editors write
        }
        JsonNode root;
        JsonParser parser = null;
        try {
            parser = MAPPER.createParser(json);
            root = MAPPER.readTree(parser);
        } catch (JsonProcessingException e) {
            // A broken limit (nesting, number or string length) carries no location; the parser knows where it stopped.
            JsonLocation at = e.getLocation() != null ? e.getLocation() : parser == null ? null : parser.currentLocation();
            String where = at == null ? "" : "line " + at.getLineNr() + ", column " + at.getColumnNr();
            throw new ProjectFormatException(source, where, ParserWords.plain(e.getOriginalMessage()));
        } catch (IOException e) {
            throw new ProjectFormatException(source, "", "cannot be read: " + ParserWords.plain(e.getMessage()));
        } catch (StackOverflowError e) {
            throw new ProjectFormatException(source, "", "is nested too deeply");
        } finally {
            closeQuietly(parser);
        }
        if (root == null || root.isMissingNode()) {
            throw new ProjectFormatException(source, "", "is empty");
        }
        return new Reading(source).project(root);
    }

    /** The project as pretty JSON text, the exact text {@link #write} saves. */
    public String toJson(Project project) {
        ObjectNode root = JsonNodeFactory.instance.objectNode();
        root.put("schemaVersion", schemaVersion);
        root.put("name", project.name());
        root.put("description", project.description());
        root.set("graph", graphTree(project.graph()));
        for (String key : Project.KNOWN_SECTIONS) {
            if (project.sections().containsKey(key)) {
                root.set(key, sorted(project.sections().get(key)));
            }
        }
        new TreeMap<>(project.sections()).forEach((key, value) -> {
            if (!Project.KNOWN_SECTIONS.contains(key)) {
                root.set(key, sorted(value));
            }
        });
        try {
            return MAPPER.writer(PRETTY).writeValueAsString(root) + "\n";
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a JSON tree always serialises", e);
        }
    }

    /** Saves atomically ({@link AtomicWrite}): a crash mid-save leaves the previous file whole. */
    public void write(Project project, Path file) throws IOException {
        AtomicWrite.write(file, AtomicWrite.Access.KEEP_OR_SHARED, toJson(project).getBytes(StandardCharsets.UTF_8));
    }

    private static ObjectNode graphTree(Graph graph) {
        ObjectNode g = JsonNodeFactory.instance.objectNode();
        ArrayNode nodes = g.putArray("nodes");
        for (Node n : graph.nodes()) {
            ObjectNode o = nodes.addObject();
            o.put("id", n.id());
            o.put("type", n.type());
            if (!n.label().isEmpty()) {
                o.put("label", n.label());
            }
            ObjectNode pos = o.putObject("position");
            pos.put("x", n.position().x());
            pos.put("y", n.position().y());
            ObjectNode params = o.putObject("params");
            n.params().forEach((k, v) -> params.set(k, MAPPER.valueToTree(v)));
        }
        ArrayNode edges = g.putArray("edges");
        for (Edge e : graph.edges()) {
            ObjectNode o = edges.addObject();
            o.put("from", e.from().toString());
            o.put("to", e.to().toString());
        }
        return g;
    }

    /** A copy with object keys sorted at every level, so sections save in a stable order. */
    private static JsonNode sorted(JsonNode node) {
        if (node.isObject()) {
            ObjectNode out = JsonNodeFactory.instance.objectNode();
            List<String> keys = new ArrayList<>();
            node.fieldNames().forEachRemaining(keys::add);
            keys.stream().sorted().forEach(k -> out.set(k, sorted(node.get(k))));
            return out;
        }
        if (node.isArray()) {
            ArrayNode out = JsonNodeFactory.instance.arrayNode();
            node.forEach(item -> out.add(sorted(item)));
            return out;
        }
        return node.deepCopy();
    }

    private static void closeQuietly(JsonParser parser) {
        if (parser != null) {
            try {
                parser.close();
            } catch (IOException e) {
                // A parser over a String holds nothing to release.
            }
        }
    }

    private static String firstLine(String message) {
        if (message == null) {
            return "is not valid JSON";
        }
        String line = message.lines().findFirst().orElse("is not valid JSON");
        return line.length() > 200 ? line.substring(0, 197) + "..." : line;
    }

    /** One read of one file: knows the source name for messages. */
    private final class Reading {

        private final String source;

        Reading(String source) {
            this.source = source;
        }

        ProjectFormatException error(String path, String reason) {
            return new ProjectFormatException(source, path, reason);
        }

        Project project(JsonNode root) throws ProjectFormatException {
            if (!root.isObject()) {
                throw error("", "must be a JSON object, got " + kind(root));
            }
            ObjectNode tree = (ObjectNode) root.deepCopy();
            JsonNode version = tree.get("schemaVersion");
            if (version == null) {
                throw error("schemaVersion", "is missing; is this a Netloom project file?");
            }
            if (!version.isIntegralNumber() || !version.canConvertToInt()) {
                throw error("schemaVersion", "must be a whole number, got " + shortText(version));
            }
            int v = version.intValue();
            if (v > schemaVersion) {
                throw error("schemaVersion", "is " + v + ": the file was written by a newer Netloom; this version reads "
                        + "schema " + schemaVersion + " and older");
            }
            if (v < 1) {
                throw error("schemaVersion", "must be at least 1, got " + v);
            }
            for (int from = v; from < schemaVersion; from++) {
                int step = from;
                Migration m = migrations.stream().filter(x -> x.from() == step).findFirst()
                        .orElseThrow(() -> error("schemaVersion", "no migration from schema " + step));
                try {
                    m.migrate(tree);
                } catch (RuntimeException e) {
                    // A migration expects a well-formed older file; a hostile one must not crash the reader.
                    throw error("schemaVersion", "cannot be upgraded from schema " + step + " to " + (step + 1) + ": "
                            + firstLine(e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage()));
                }
            }
            String name = optionalText(tree, "name", "name");
            String description = optionalText(tree, "description", "description");
            JsonNode graphNode = tree.get("graph");
            if (graphNode == null) {
                throw error("graph", "is missing");
            }
            BlockLibrary blocks = BlockSection.read(tree.get(BlockSection.KEY), catalog, source);
            Graph graph = graph(graphNode, blocks);
            Map<String, JsonNode> sections = new LinkedHashMap<>();
            Iterator<Map.Entry<String, JsonNode>> fields = tree.fields();
            while (fields.hasNext()) {
                Map.Entry<String, JsonNode> f = fields.next();
                if (!Set.of("schemaVersion", "name", "description", "graph").contains(f.getKey())) {
                    if (Project.KNOWN_SECTIONS.contains(f.getKey()) && !f.getValue().isObject()) {
                        throw error(f.getKey(), "must be an object, got " + kind(f.getValue()));
                    }
                    requireFiniteNumbers(f.getValue(), clip(f.getKey()));
                    sections.put(f.getKey(), f.getValue());
                }
            }
            // The search section names nodes and ranges of their parameters: check it against the graph now,
            // so that a project that opened has a search space every reader can use.
            SearchSection.read(sections.get(SearchSection.KEY), graph, blocks, catalog, source);
            return new Project(name, description, graph, sections);
        }

        Graph graph(JsonNode g, BlockLibrary blocks) throws ProjectFormatException {
            requireObject(g, "graph");
            JsonNode nodesNode = g.get("nodes");
            JsonNode edgesNode = g.get("edges");
            List<Node> nodes = new ArrayList<>();
            Map<String, LayerSpec> specs = new HashMap<>();
            Map<String, BlockDefinition> uses = new HashMap<>();
            if (nodesNode != null) {
                requireArray(nodesNode, "graph.nodes");
                if (nodesNode.size() > MAX_NODES) {
                    throw error("graph.nodes", "has " + nodesNode.size() + " nodes; at most " + MAX_NODES);
                }
                for (int i = 0; i < nodesNode.size(); i++) {
                    Node n = isUse(nodesNode.get(i)) ? use(nodesNode.get(i), "graph.nodes[" + i + "]", blocks)
                            : node(nodesNode.get(i), "graph.nodes[" + i + "]");
                    if (specs.containsKey(n.id()) || uses.containsKey(n.id())) {
                        throw error("graph.nodes[" + i + "].id", "\"" + n.id() + "\" is used by another node");
                    }
                    if (BlockUse.isUse(n)) {
                        uses.put(n.id(), blocks.find(BlockUse.blockName(n)).orElseThrow());
                    } else {
                        specs.put(n.id(), catalog.require(n.type()));
                    }
                    nodes.add(n);
                }
            }
            List<Edge> edges = new ArrayList<>();
            Set<PortRef> fed = new HashSet<>();
            if (edgesNode != null) {
                requireArray(edgesNode, "graph.edges");
                for (int i = 0; i < edgesNode.size(); i++) {
                    String path = "graph.edges[" + i + "]";
                    JsonNode e = edgesNode.get(i);
                    requireObject(e, path);
                    PortRef from = portRef(e, path, "from", Direction.OUT, specs, uses);
                    PortRef to = portRef(e, path, "to", Direction.IN, specs, uses);
                    if (!fed.add(to)) {
                        throw error(path + ".to", "input " + to + " already has an incoming edge; an input takes one");
                    }
                    edges.add(new Edge(from, to));
                }
            }
            Graph graph;
            try {
                graph = new Graph(nodes, edges);
            } catch (IllegalArgumentException ex) {
                throw error("graph", ex.getMessage());
            }
            // Expanding once now means a project that opened expands everywhere: a bad value for a block's
            // parameter is refused here, naming the use (its JSON path) and the inner node.
            try {
                new BlockExpansion(catalog).expand(graph, blocks);
            } catch (BlockException ex) {
                int at = ex.useId().isEmpty() ? -1 : nodes.indexOf(graph.node(ex.useId()).orElse(null));
                throw error(at < 0 ? "graph" : "graph.nodes[" + at + "]", ex.getMessage());
            }
            return graph;
        }

        boolean isUse(JsonNode n) {
            return n.isObject() && n.get("type") != null && BlockUse.TYPE.equals(n.get("type").asText());
        }

        /** A node that uses a block: its block must exist, its repeat count fit, and each value name a block parameter. */
        Node use(JsonNode n, String path, BlockLibrary blocks) throws ProjectFormatException {
            String id = requireText(n, "id", path + ".id");
            if (!Node.isDrawnId(id)) {
                throw error(path + ".id", "\"" + clip(id) + "\" is not a valid id for a block use: start with a letter "
                        + "or '_', then letters, digits, '_' or '-' (at most 64)");
            }
            String label = optionalText(n, "label", path + ".label");
            Position position = Position.ORIGIN;
            JsonNode pos = n.get("position");
            if (pos != null) {
                requireObject(pos, path + ".position");
                position = new Position(coordinate(pos, "x", path), coordinate(pos, "y", path));
            }
            JsonNode paramsNode = n.get("params");
            if (paramsNode == null) {
                throw error(path + ".params", "is missing; a block use names its block: {\"block\": \"NAME\"}");
            }
            requireObject(paramsNode, path + ".params");
            String block = requireText(paramsNode, BlockUse.BLOCK, path + ".params." + BlockUse.BLOCK);
            BlockDefinition def = blocks.find(block).orElseThrow(() -> error(path + ".params." + BlockUse.BLOCK,
                    "no block \"" + clip(block) + "\" in the project's blocks" + (blocks.isEmpty() ? " (it defines none)"
                    : " (it has " + String.join(", ", blocks.blocks().keySet()) + ")")));
            Map<String, Object> params = new LinkedHashMap<>();
            params.put(BlockUse.BLOCK, block);
            Iterator<Map.Entry<String, JsonNode>> it = paramsNode.fields();
            while (it.hasNext()) {
                Map.Entry<String, JsonNode> p = it.next();
                String ppath = path + ".params." + clip(p.getKey());
                if (p.getKey().equals(BlockUse.BLOCK)) {
                    continue;
                }
                if (p.getKey().equals(BlockUse.REPEAT)) {
                    try {
                        params.put(BlockUse.REPEAT, BlockUse.REPEAT_SPEC.check(javaValue(p.getValue())));
                    } catch (IllegalArgumentException ex) {
                        throw error(ppath, ex.getMessage());
                    }
                    continue;
                }
                if (!def.params().containsKey(p.getKey())) {
                    throw error(ppath, "block " + block + " has no such parameter; it has " + (def.params().isEmpty()
                            ? "none" : String.join(", ", def.params().keySet())) + " (and block, repeat)");
                }
                params.put(p.getKey(), javaValue(p.getValue()));
            }
            return new Node(id, BlockUse.TYPE, params, position, label);
        }

        Node node(JsonNode n, String path) throws ProjectFormatException {
            requireObject(n, path);
            String id = requireText(n, "id", path + ".id");
            if (!Node.isValidId(id)) {
                throw error(path + ".id", "\"" + clip(id) + "\" is not a valid id: start with a letter or '_', then "
                        + "letters, digits, '_' or '-' (at most 64)");
            }
            String type = requireText(n, "type", path + ".type");
            LayerSpec spec = catalog.find(type).orElseThrow(() -> error(path + ".type", catalog.unknownTypeMessage(type)));
            String label = optionalText(n, "label", path + ".label");
            Position position = Position.ORIGIN;
            JsonNode pos = n.get("position");
            if (pos != null) {
                requireObject(pos, path + ".position");
                position = new Position(coordinate(pos, "x", path), coordinate(pos, "y", path));
            }
            Map<String, Object> params = new LinkedHashMap<>(spec.defaults());
            JsonNode paramsNode = n.get("params");
            if (paramsNode != null) {
                requireObject(paramsNode, path + ".params");
                Iterator<Map.Entry<String, JsonNode>> it = paramsNode.fields();
                while (it.hasNext()) {
                    Map.Entry<String, JsonNode> p = it.next();
                    String ppath = path + ".params." + clip(p.getKey());
                    ParamSpec ps = spec.param(p.getKey()).orElseThrow(() -> error(ppath, spec.type()
                            + " has no such parameter; it has " + (spec.params().isEmpty() ? "none"
                            : String.join(", ", spec.params().stream().map(ParamSpec::name).toList()))));
                    try {
                        params.put(p.getKey(), ps.check(javaValue(p.getValue())));
                    } catch (IllegalArgumentException ex) {
                        throw error(ppath, ex.getMessage());
                    }
                }
            }
            return new Node(id, type, params, position, label);
        }

        /**
         * Refuses numbers beyond a double's range inside a section: Jackson reads {@code 1e400} as
         * infinity, which would be saved back as the text {@code "Infinity"}, changing the section.
         */
        void requireFiniteNumbers(JsonNode n, String path) throws ProjectFormatException {
            if (n.isFloatingPointNumber() && !Double.isFinite(n.doubleValue())) {
                throw error(path, "is a number too large to store; the largest is about 1.8e308");
            }
            if (n.isArray()) {
                for (int i = 0; i < n.size(); i++) {
                    requireFiniteNumbers(n.get(i), path + "[" + i + "]");
                }
            } else if (n.isObject()) {
                Iterator<Map.Entry<String, JsonNode>> it = n.fields();
                while (it.hasNext()) {
                    Map.Entry<String, JsonNode> f = it.next();
                    requireFiniteNumbers(f.getValue(), path + "." + clip(f.getKey()));
                }
            }
        }

        double coordinate(JsonNode pos, String axis, String path) throws ProjectFormatException {
            JsonNode v = pos.get(axis);
            if (v == null) {
                return 0;
            }
            if (!v.isNumber() || !Double.isFinite(v.doubleValue()) || Math.abs(v.doubleValue()) > Position.LIMIT) {
                throw error(path + ".position." + axis, "must be a number within ±1e9, got " + shortText(v));
            }
            return v.doubleValue();
        }

        PortRef portRef(JsonNode edge, String path, String key, Direction direction, Map<String, LayerSpec> specs,
                        Map<String, BlockDefinition> uses) throws ProjectFormatException {
            String text = requireText(edge, key, path + "." + key);
            PortRef ref;
            try {
                ref = PortRef.parse(text);
            } catch (IllegalArgumentException ex) {
                throw error(path + "." + key, "expected \"node.port\", got \"" + clip(text) + "\"");
            }
            BlockDefinition use = uses.get(ref.nodeId());
            if (use != null) {
                Set<String> ports = direction == Direction.IN ? use.inputs().keySet() : use.outputs().keySet();
                if (!ports.contains(ref.port())) {
                    throw error(path + "." + key, "block use " + ref.nodeId() + " (block " + use.name() + ") has no "
                            + (direction == Direction.IN ? "input" : "output") + " port \"" + clip(ref.port())
                            + "\" (it has " + String.join(", ", ports) + ")");
                }
                return ref;
            }
            LayerSpec spec = specs.get(ref.nodeId());
            if (spec == null) {
                throw error(path + "." + key, "no node \"" + clip(ref.nodeId()) + "\"");
            }
            if (spec.port(ref.port(), direction).isEmpty()) {
                var ports = direction == Direction.IN ? spec.inputs() : spec.outputs();
                throw error(path + "." + key, spec.type() + " node " + ref.nodeId() + " has no "
                        + (direction == Direction.IN ? "input" : "output") + " port \"" + clip(ref.port()) + "\""
                        + (ports.isEmpty() ? " (it has none)"
                        : " (it has " + String.join(", ", ports.stream().map(p -> p.name()).toList()) + ")"));
            }
            return ref;
        }

        void requireObject(JsonNode n, String path) throws ProjectFormatException {
            if (!n.isObject()) {
                throw error(path, "must be an object, got " + kind(n));
            }
        }

        void requireArray(JsonNode n, String path) throws ProjectFormatException {
            if (!n.isArray()) {
                throw error(path, "must be a list, got " + kind(n));
            }
        }

        String requireText(JsonNode parent, String key, String path) throws ProjectFormatException {
            JsonNode v = parent.get(key);
            if (v == null) {
                throw error(path, "is missing");
            }
            if (!v.isTextual()) {
                throw error(path, "must be text, got " + kind(v));
            }
            return v.textValue();
        }

        String optionalText(JsonNode parent, String key, String path) throws ProjectFormatException {
            JsonNode v = parent.get(key);
            if (v == null || v.isNull()) {
                return "";
            }
            if (!v.isTextual()) {
                throw error(path, "must be text, got " + kind(v));
            }
            if (v.textValue().length() > Project.MAX_TEXT) {
                throw error(path, "is " + v.textValue().length() + " characters long; at most " + Project.MAX_TEXT);
            }
            return v.textValue();
        }
    }

    /** A JSON value as the Java value a {@link ParamSpec} checks; anything else stays a JsonNode and is refused. */
    static Object javaValue(JsonNode v) {
        if (v.isInt()) {
            return v.intValue();
        }
        if (v.isIntegralNumber()) {
            return v.bigIntegerValue();
        }
        if (v.isNumber()) {
            return v.doubleValue();
        }
        if (v.isBoolean()) {
            return v.booleanValue();
        }
        if (v.isTextual()) {
            return v.textValue();
        }
        if (v.isArray()) {
            List<Object> items = new ArrayList<>();
            v.forEach(item -> items.add(javaValue(item)));
            return items;
        }
        return v;
    }


    private static String shortText(JsonNode n) {
        return clip(n.toString());
    }
}
