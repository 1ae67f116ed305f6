package dev.netloom.graph.quantize;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.netloom.graph.Precision;
import dev.netloom.graph.analysis.GraphAnalysis;
import dev.netloom.graph.analysis.NodeReport;

import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import static dev.netloom.graph.json.StrictJson.clip;

/**
 * The project file's {@code quantization} section: what precision training rounds the weights
 * to (quantization-aware training), one for every layer or per node.
 *
 * <pre>{@code
 * "quantization": { "precision": "int2", "nodes": { "conv1": "int8", "head": "fp32" }, "blockSize": 128 }
 * }</pre>
 *
 * Every problem is refused with one line naming the JSON path, before training starts: an unknown
 * key, a word that is not a precision, a node the graph does not have, a node without weights, or
 * a node whose weights stay FP32 in every export (BatchNorm, LayerNorm, positions), with the
 * reason.
 */
public final class QuantizationSection {

    /** The section's key in the project file. */
    public static final String KEY = "quantization";

    private static final Set<String> KEYS = Set.of("precision", "nodes", "blockSize");

    private QuantizationSection() {
    }

    /** The plan a project's section asks for, checked against the graph; empty without a section. */
    public static Optional<QuantizationPlan> read(JsonNode section, GraphAnalysis analysis) {
        if (section == null || section.isMissingNode() || section.isNull()) {
            return Optional.empty();
        }
        if (!section.isObject()) {
            throw new IllegalArgumentException(KEY + ": must be an object like {\"precision\": \"int4\"}");
        }
        Iterator<String> names = section.fieldNames();
        while (names.hasNext()) {
            String name = names.next();
            if (!KEYS.contains(name)) {
                throw new IllegalArgumentException(KEY + "." + name + ": unknown setting; known: blockSize, nodes, precision");
            }
        }
        Precision all = precision(section.get("precision"), KEY + ".precision", Precision.FP32);
        Map<String, Precision> perNode = new LinkedHashMap<>();
        JsonNode nodes = section.get("nodes");
        if (nodes != null) {
            if (!nodes.isObject()) {
                throw new IllegalArgumentException(KEY + ".nodes: must be an object of node id to precision, like "
                        + "{\"conv1\": \"int8\"}");
            }
            nodes.fields().forEachRemaining(e -> {
                String path = KEY + ".nodes." + e.getKey();
                NodeReport r = analysis.report(e.getKey()).orElseThrow(() -> new IllegalArgumentException(path
                        + ": the graph has no node \"" + clip(e.getKey()) + "\""));
                Precision p = precision(e.getValue(), path, null);
                if (p != Precision.FP32) {
                    refuseUnquantizable(r, p, path);
                }
                perNode.put(e.getKey(), p);
            });
        }
        int blockSize = WeightRule.defaults().blockSize();
        JsonNode b = section.get("blockSize");
        if (b != null) {
            if (!b.isIntegralNumber() || !b.canConvertToInt() || b.intValue() < 16 || b.intValue() > 256
                    || Integer.bitCount(b.intValue()) != 1) {
                throw new IllegalArgumentException(KEY + ".blockSize: must be a power of two from 16 to 256, got " + b);
            }
            blockSize = b.intValue();
        }
        return Optional.of(new QuantizationPlan(all, perNode, new WeightRule(blockSize, WeightRule.defaults().int4PowerOfTwo())));
    }

    /** The section for a plan (the rule's block size is written only when it is not the default). */
    public static ObjectNode write(QuantizationPlan plan) {
        ObjectNode o = JsonNodeFactory.instance.objectNode();
        o.put("precision", plan.precision().key());
        if (!plan.perNode().isEmpty()) {
            ObjectNode nodes = o.putObject("nodes");
            new java.util.TreeMap<>(plan.perNode()).forEach((id, p) -> nodes.put(id, p.key()));
        }
        if (plan.rule().blockSize() != WeightRule.defaults().blockSize()) {
            o.put("blockSize", plan.rule().blockSize());
        }
        return o;
    }

    /** Whether a node has weights a precision lowers (some weight is not kept in FP32). */
    public static boolean quantizable(NodeReport r) {
        return r.cost().parameters() > 0 && WeightRoles.keptInFp32(r.spec().layerType()).isEmpty();
    }

    private static void refuseUnquantizable(NodeReport r, Precision p, String path) {
        String what = r.spec().type() + " " + r.node().id();
        if (r.cost().parameters() == 0) {
            throw new IllegalArgumentException(path + ": " + what + " has no weights to train for " + p.displayName());
        }
        Optional<String> reason = WeightRoles.keptInFp32(r.spec().layerType());
        if (reason.isPresent()) {
            throw new IllegalArgumentException(path + ": " + what + " cannot be trained for " + p.displayName() + ": "
                    + reason.get());
        }
    }

    private static Precision precision(JsonNode v, String path, Precision fallback) {
        if (v == null && fallback != null) {
            return fallback;
        }
        if (v == null || !v.isTextual()) {
            throw new IllegalArgumentException(path + ": must be a precision word (" + Precision.words() + "), got " + v);
        }
        return Precision.parse(v.textValue()).orElseThrow(() -> new IllegalArgumentException(path + ": \""
                + clip(v.textValue()) + "\" is not a precision; use one of " + Precision.words()));
    }
}
