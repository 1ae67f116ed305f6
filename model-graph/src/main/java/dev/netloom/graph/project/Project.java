package dev.netloom.graph.project;

import com.fasterxml.jackson.databind.JsonNode;
import dev.netloom.graph.Graph;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * What a {@code .netloom} file holds: a name, a description, the graph as drawn (which may use
 * blocks: {@link BlockSection#flatten} gives the plain layers every computation reads), and the other
 * sections ({@code blocks}, {@code data}, {@code training}, {@code quantization}, {@code search}, {@code export}, and any this version
 * does not know, which are kept on a round trip so a newer studio's settings survive).
 *
 * <p>Sections are JSON trees owned by the modules that read them; they are copied in and out,
 * so a {@code Project} stays an immutable value.
 *
 * @param name the project's name as shown in the window title
 * @param description a sentence or two about the model
 * @param graph the model
 * @param sections every other top-level section by key
 */
public record Project(String name, String description, Graph graph, Map<String, JsonNode> sections) {

    /** The sections later modules fill, in the order they are written. */
    public static final java.util.List<String> KNOWN_SECTIONS = java.util.List.of("blocks", "data", "training", "quantization",
            "search", "export");

    /** The top-level fields of a project file that are not sections; a section by one of these names would overwrite it. */
    public static final java.util.Set<String> FIELDS = java.util.Set.of("schemaVersion", "name", "description", "graph");

    /** The longest name or description a project file holds. */
    public static final int MAX_TEXT = 10_000;

    public Project {
        Objects.requireNonNull(graph, "graph");
        name = name == null ? "" : name;
        description = description == null ? "" : description;
        if (name.length() > MAX_TEXT || description.length() > MAX_TEXT) {
            throw new IllegalArgumentException("a project's name and description have at most " + MAX_TEXT + " characters");
        }
        Map<String, JsonNode> copy = new LinkedHashMap<>();
        sections.forEach((k, v) -> {
            if (FIELDS.contains(k)) {
                throw new IllegalArgumentException("\"" + k + "\" is a field of the project file, not a section");
            }
            copy.put(k, v.deepCopy());
        });
        sections = Collections.unmodifiableMap(copy);
    }

    public static Project of(String name, Graph graph) {
        return new Project(name, "", graph, Map.of());
    }

    /** A copy of a section's tree, if the project has it. */
    public Optional<JsonNode> section(String key) {
        return Optional.ofNullable(sections.get(key)).map(JsonNode::deepCopy);
    }

    public Project withGraph(Graph newGraph) {
        return new Project(name, description, newGraph, sections);
    }

    public Project withName(String newName) {
        return new Project(newName, description, graph, sections);
    }

    public Project withSection(String key, JsonNode value) {
        Map<String, JsonNode> copy = new LinkedHashMap<>(sections);
        copy.put(key, value);
        return new Project(name, description, graph, copy);
    }

    // JsonNode's equals is by value, so records compare projects by content.
}
