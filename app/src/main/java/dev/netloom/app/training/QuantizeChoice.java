package dev.netloom.app.training;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.netloom.graph.Precision;

import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The Train view's "Train for" choice: the precision quantization-aware training rounds every
 * layer's weights to, as the project's {@code quantization} section's {@code precision} (docs/project-file.md).
 * Only that key is the choice's: per-layer precisions ({@code nodes}, set in the file or from the
 * command line) and the block size are kept, and win over it for their layers, as in training.
 */
public final class QuantizeChoice {

    /** The precisions offered, full precision first: FP16 is left out (rounding to it loses nothing worth training for). */
    public static final List<Precision> CHOICES = List.of(Precision.FP32, Precision.INT8, Precision.INT4, Precision.INT2,
            Precision.INT1);

    private QuantizeChoice() {
    }

    /** The whole-model precision a section asks for: FP32 without a section or without its key. */
    public static Precision of(JsonNode section) {
        if (section == null || !section.isObject() || !section.path("precision").isTextual()) {
            return Precision.FP32;
        }
        return Precision.parse(section.path("precision").asText()).orElse(Precision.FP32);
    }

    /** The number of layers the section sets apart from the whole-model precision. */
    public static int perLayer(JsonNode section) {
        return section != null && section.path("nodes").isObject() ? section.path("nodes").size() : 0;
    }

    /**
     * The section with the whole-model precision replaced, other keys kept; empty when nothing is
     * to be written (full precision chosen for a project that has no section).
     */
    public static Optional<JsonNode> section(JsonNode current, Precision precision) {
        boolean has = current != null && current.isObject();
        if (!has && precision == Precision.FP32) {
            return Optional.empty();
        }
        ObjectNode o = has ? ((ObjectNode) current).deepCopy() : JsonNodeFactory.instance.objectNode();
        ObjectNode out = JsonNodeFactory.instance.objectNode();
        out.put("precision", precision.key()); // first, as the file's writer orders it
        o.fields().forEachRemaining(e -> {
            if (!e.getKey().equals("precision")) {
                out.set(e.getKey(), e.getValue());
            }
        });
        return Optional.of(out);
    }

    /** The choice's name in the picker: "Full precision (FP32)", "INT4", "2-bit (ternary)", "1-bit (binary)". */
    public static String label(Precision p) {
        return switch (p) {
            case FP32 -> "Full precision (FP32)";
            case INT2 -> "2-bit (ternary)";
            case INT1 -> "1-bit (binary)";
            default -> p.displayName();
        };
    }

    /** The line under the choice: what training for it does, and what to export. */
    public static String explain(Precision p, int perLayer) {
        String layers = perLayer == 0 ? "" : String.format(Locale.ROOT, " %d layer%s keep%s the precision the project "
                + "file gives %s.", perLayer, perLayer == 1 ? "" : "s", perLayer == 1 ? "s" : "", perLayer == 1 ? "it" : "them");
        if (p == Precision.FP32) {
            return "Weights train in full precision; the Export view rounds them afterwards, which keeps INT8 and "
                    + "usually INT4 accurate but costs 2-bit and 1-bit models much of their accuracy." + layers;
        }
        String how = switch (p) {
            case INT8 -> "8-bit codes per output channel";
            case INT4 -> "4-bit codes per block";
            case INT2 -> "-1, 0 or +1 times a scale per block";
            case INT1 -> "-1 or +1 times a scale per block";
            default -> p.displayName();
        };
        return "Quantization-aware training: every step computes with the weights rounded as the " + p.displayName()
                + " export stores them (" + how + "), so the model learns to answer right with them; the accuracy "
                + "curves are the " + p.displayName() + " model's. Export at " + p.displayName() + " to keep it. "
                + "Saved in the project's quantization section." + layers;
    }
}
