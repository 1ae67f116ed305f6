package dev.netloom.graph.project;

import static dev.netloom.graph.json.StrictJson.clip;
import static dev.netloom.graph.json.StrictJson.kind;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.netloom.graph.Graph;
import dev.netloom.graph.block.BlockLibrary;
import dev.netloom.graph.catalog.LayerCatalog;
import dev.netloom.graph.search.Range;
import dev.netloom.graph.search.SearchRangeException;
import dev.netloom.graph.search.SearchRules;
import dev.netloom.graph.search.SearchSpace;
import dev.netloom.graph.search.SearchTarget;
import dev.netloom.graph.search.SearchableParameter;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Set;

/**
 * The project file's {@code search} section: its {@code parameters} list read into a
 * {@link SearchSpace} and written back. Other keys of the section ({@code objectives},
 * {@code budget}, and any a newer studio adds) belong to the search module and are kept as they
 * are when the parameters are rewritten.
 *
 * <pre>{@code
 * "search": {
 *   "parameters": [
 *     { "target": "node:fc1.units", "kind": "int", "low": 64, "high": 256, "step": 1, "log": true },
 *     { "target": "node:drop.rate", "kind": "float", "low": 0.0, "high": 0.5, "log": false },
 *     { "target": "node:act.function", "kind": "choices", "choices": ["ReLU", "GELU"] },
 *     { "target": "training.learningRate", "kind": "float", "low": 0.0001, "high": 0.01, "log": true }
 *   ]
 * }
 * }</pre>
 *
 * Reading refuses anything else with one line naming the JSON path, for example
 * {@code search.parameters[2].high: 100000 is above units' maximum 65536}.
 */
public final class SearchSection {

    /** The section's key in the project file. */
    public static final String KEY = "search";
    /** The key of the list of searchable parameters inside the section. */
    public static final String PARAMETERS = "parameters";

    private static final List<String> INT_FIELDS = List.of("target", "kind", "low", "high", "step", "log");
    private static final List<String> FLOAT_FIELDS = List.of("target", "kind", "low", "high", "log");
    private static final List<String> CHOICE_FIELDS = List.of("target", "kind", "choices");

    private SearchSection() {
    }

    /**
     * The search space of a project, checked against its graph.
     *
     * @throws ProjectFormatException when the section is malformed (the source is the project's name)
     */
    public static SearchSpace of(Project project, LayerCatalog catalog) throws ProjectFormatException {
        JsonNode section = project.sections().get(KEY);
        return read(section, project.graph(), BlockSection.library(project, catalog), catalog,
                project.name().isBlank() ? "project" : project.name());
    }

    /** Reads a {@code search} section of a graph without blocks. */
    public static SearchSpace read(JsonNode section, Graph graph, LayerCatalog catalog, String source)
            throws ProjectFormatException {
        return read(section, graph, BlockLibrary.EMPTY, catalog, source);
    }

    /**
     * Reads a {@code search} section (null or without {@code parameters}: nothing is searched); the
     * graph may use {@code blocks}.
     *
     * @param source the name for messages, usually the file
     */
    public static SearchSpace read(JsonNode section, Graph graph, BlockLibrary blocks, LayerCatalog catalog,
                                   String source) throws ProjectFormatException {
        if (section == null || section.isNull()) {
            return SearchSpace.EMPTY;
        }
        if (!section.isObject()) {
            throw new ProjectFormatException(source, KEY, "must be an object, got " + kind(section));
        }
        JsonNode list = section.get(PARAMETERS);
        if (list == null) {
            return SearchSpace.EMPTY;
        }
        String listPath = KEY + "." + PARAMETERS;
        if (!list.isArray()) {
            throw new ProjectFormatException(source, listPath, "must be a list, got " + kind(list));
        }
        SearchRules rules = new SearchRules(catalog, blocks);
        List<SearchableParameter> out = new ArrayList<>();
        Set<SearchTarget> seen = new HashSet<>();
        for (int i = 0; i < list.size(); i++) {
            String path = listPath + "[" + i + "]";
            SearchableParameter p;
            try {
                p = rules.check(entry(list.get(i)), graph);
            } catch (SearchRangeException e) {
                throw new ProjectFormatException(source, path + (e.field().isEmpty() ? "" : "." + e.field()),
                        e.getMessage());
            } catch (IllegalArgumentException e) {
                // Any other rule of a value (a node id's form) still names the entry.
                throw new ProjectFormatException(source, path, e.getMessage() == null ? "is not allowed" : e.getMessage());
            }
            if (!seen.add(p.target())) {
                throw new ProjectFormatException(source, path + ".target", p.target().text()
                        + " is listed twice; a parameter has one range");
            }
            out.add(p);
        }
        return new SearchSpace(out);
    }

    /**
     * The project with its {@code search} section's {@code parameters} set to {@code space}, every
     * other key of the section kept. An empty space removes {@code parameters}, so an untouched
     * project saves as it was read.
     */
    public static Project write(Project project, SearchSpace space) {
        JsonNode old = project.sections().get(KEY);
        ObjectNode section = old != null && old.isObject() ? (ObjectNode) old.deepCopy()
                : JsonNodeFactory.instance.objectNode();
        if (space.isEmpty()) {
            if (old == null) {
                return project;
            }
            section.remove(PARAMETERS);
        } else {
            section.set(PARAMETERS, toJson(space));
        }
        return project.withSection(KEY, section);
    }

    /** The {@code parameters} list for a search space. */
    public static ArrayNode toJson(SearchSpace space) {
        ArrayNode list = JsonNodeFactory.instance.arrayNode();
        for (SearchableParameter p : space.parameters()) {
            ObjectNode o = list.addObject();
            o.put("target", p.target().text());
            o.put("kind", p.range().kind());
            if (p.range() instanceof Range.IntRange r) {
                o.put("low", r.low());
                o.put("high", r.high());
                o.put("step", r.step());
                o.put("log", r.log());
            } else if (p.range() instanceof Range.FloatRange r) {
                o.put("low", r.low());
                o.put("high", r.high());
                o.put("log", r.log());
            } else {
                ArrayNode choices = o.putArray("choices");
                for (Object v : ((Range.Choices) p.range()).values()) {
                    if (v instanceof Integer n) {
                        choices.add(n);
                    } else if (v instanceof Double d) {
                        choices.add(d);
                    } else if (v instanceof Boolean b) {
                        choices.add(b);
                    } else {
                        choices.add((String) v);
                    }
                }
            }
        }
        return list;
    }

    /** One entry, checked for form only; {@link SearchRules} checks it against the graph. */
    private static SearchableParameter entry(JsonNode e) {
        if (!e.isObject()) {
            throw new SearchRangeException("", "must be an object like {\"target\": \"node:fc1.units\", \"kind\": "
                    + "\"int\", \"low\": 64, \"high\": 256}, got " + kind(e));
        }
        SearchTarget target;
        try {
            target = SearchTarget.parse(text(e, "target"));
        } catch (SearchRangeException ex) {
            throw ex;
        } catch (IllegalArgumentException ex) {
            throw new SearchRangeException("target", ex.getMessage());
        }
        String kind = text(e, "kind");
        Range range = switch (kind) {
            case "int" -> {
                onlyFields(e, INT_FIELDS, "an int range");
                yield new Range.IntRange(whole(e, "low", null), whole(e, "high", null), whole(e, "step", 1),
                        flag(e, "log"));
            }
            case "float" -> {
                onlyFields(e, FLOAT_FIELDS, "a float range");
                yield new Range.FloatRange(number(e, "low"), number(e, "high"), flag(e, "log"));
            }
            case "choices" -> {
                onlyFields(e, CHOICE_FIELDS, "a list of choices");
                yield new Range.Choices(choices(e));
            }
            default -> throw new SearchRangeException("kind", "must be \"int\", \"float\" or \"choices\", got "
                    + kind(e.get("kind")));
        };
        return new SearchableParameter(target, range);
    }

    private static void onlyFields(JsonNode e, List<String> allowed, String what) {
        Iterator<String> names = e.fieldNames();
        while (names.hasNext()) {
            String name = names.next();
            if (!allowed.contains(name)) {
                throw new SearchRangeException(clip(name), "no such field; " + what + " has "
                        + String.join(", ", allowed));
            }
        }
    }

    private static String text(JsonNode e, String key) {
        JsonNode v = e.get(key);
        if (v == null) {
            throw new SearchRangeException(key, "is missing");
        }
        if (!v.isTextual()) {
            throw new SearchRangeException(key, "must be text, got " + kind(v));
        }
        return v.textValue();
    }

    private static int whole(JsonNode e, String key, Integer fallback) {
        JsonNode v = e.get(key);
        if (v == null) {
            if (fallback == null) {
                throw new SearchRangeException(key, "is missing");
            }
            return fallback;
        }
        if (v.isIntegralNumber() && v.canConvertToInt()) {
            return v.intValue();
        }
        if (v.isFloatingPointNumber() && v.doubleValue() == Math.rint(v.doubleValue())
                && Math.abs(v.doubleValue()) <= Integer.MAX_VALUE) {
            return (int) v.doubleValue();
        }
        throw new SearchRangeException(key, "must be a whole number, got " + kind(v));
    }

    private static double number(JsonNode e, String key) {
        JsonNode v = e.get(key);
        if (v == null) {
            throw new SearchRangeException(key, "is missing");
        }
        if (!v.isNumber() || !Double.isFinite(v.doubleValue())) {
            throw new SearchRangeException(key, "must be a number, got " + kind(v));
        }
        return v.doubleValue();
    }

    private static boolean flag(JsonNode e, String key) {
        JsonNode v = e.get(key);
        if (v == null) {
            return false;
        }
        if (!v.isBoolean()) {
            throw new SearchRangeException(key, "must be true or false, got " + kind(v));
        }
        return v.booleanValue();
    }

    private static List<Object> choices(JsonNode e) {
        JsonNode v = e.get("choices");
        if (v == null) {
            throw new SearchRangeException("choices", "is missing");
        }
        if (!v.isArray()) {
            throw new SearchRangeException("choices", "must be a list, got " + kind(v));
        }
        if (v.size() > Range.MAX_CHOICES) {
            throw new SearchRangeException("choices", "has " + v.size() + " choices; at most " + Range.MAX_CHOICES);
        }
        List<Object> out = new ArrayList<>();
        for (int i = 0; i < v.size(); i++) {
            JsonNode c = v.get(i);
            if (c.isTextual()) {
                out.add(c.textValue());
            } else if (c.isBoolean()) {
                out.add(c.booleanValue());
            } else if (c.isIntegralNumber() && c.canConvertToInt()) {
                out.add(c.intValue());
            } else if (c.isNumber() && Double.isFinite(c.doubleValue()) && !c.isIntegralNumber()) {
                out.add(c.doubleValue());
            } else {
                throw new SearchRangeException("choices[" + i + "]", "must be a word, a number or true/false, got "
                        + kind(c));
            }
        }
        return out;
    }
}
