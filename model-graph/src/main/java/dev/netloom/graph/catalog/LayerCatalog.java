package dev.netloom.graph.catalog;

import dev.netloom.graph.layers.Activation;
import dev.netloom.graph.layers.Add;
import dev.netloom.graph.layers.BatchNorm;
import dev.netloom.graph.layers.ClassToken;
import dev.netloom.graph.layers.Concat;
import dev.netloom.graph.layers.Conv1d;
import dev.netloom.graph.layers.Conv2d;
import dev.netloom.graph.layers.ConvTranspose2d;
import dev.netloom.graph.layers.CrossAttention;
import dev.netloom.graph.layers.Dense;
import dev.netloom.graph.layers.DepthwiseConv2d;
import dev.netloom.graph.layers.Dropout;
import dev.netloom.graph.layers.Embedding;
import dev.netloom.graph.layers.Flatten;
import dev.netloom.graph.layers.GatedFusion;
import dev.netloom.graph.layers.GlobalAvgPool;
import dev.netloom.graph.layers.GlobalMaxPool;
import dev.netloom.graph.layers.GroupNorm;
import dev.netloom.graph.layers.Head;
import dev.netloom.graph.layers.ImageInput;
import dev.netloom.graph.layers.LayerNorm;
import dev.netloom.graph.layers.MixtureOfExperts;
import dev.netloom.graph.layers.MultiHeadSelfAttention;
import dev.netloom.graph.layers.Multiply;
import dev.netloom.graph.layers.PatchEmbedding;
import dev.netloom.graph.layers.Pool1d;
import dev.netloom.graph.layers.PerPositionHead;
import dev.netloom.graph.layers.Pool2d;
import dev.netloom.graph.layers.PositionalEmbedding;
import dev.netloom.graph.layers.Recurrent;
import dev.netloom.graph.layers.Reshape;
import dev.netloom.graph.layers.SqueezeExcite;
import dev.netloom.graph.layers.TabularInput;
import dev.netloom.graph.layers.TakeToken;
import dev.netloom.graph.layers.TokensInput;
import dev.netloom.graph.layers.TransformerEncoderBlock;
import dev.netloom.graph.layers.Upsample;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Every layer type the studio knows, by name. The one source that the palette, the analyser,
 * the training compiler and the ONNX writer read. Immutable; pass it to whoever needs it.
 */
public final class LayerCatalog {

    private static final LayerCatalog STANDARD = new LayerCatalog(List.of(
            new ImageInput(), new TokensInput(), new TabularInput(),
            new Dense(), new Dropout(), new Activation(), new Flatten(), new Reshape(), new Add(), new Concat(), new Multiply(),
            new Conv1d(), new Conv2d(), new ConvTranspose2d(), new DepthwiseConv2d(), Pool1d.max(), Pool2d.max(), Pool1d.average(),
            Pool2d.average(), new GlobalAvgPool(), new GlobalMaxPool(), new SqueezeExcite(), new Upsample(),
            new BatchNorm(), new GroupNorm(), new LayerNorm(),
            new ClassToken(), new Embedding(), new PositionalEmbedding(), new PatchEmbedding(), new MultiHeadSelfAttention(),
            new TakeToken(), new TransformerEncoderBlock(), new CrossAttention(), new GatedFusion(),
            Recurrent.gru(), Recurrent.lstm(),
            new MixtureOfExperts(),
            Head.classification(), PerPositionHead.classification(), PerPositionHead.regression(), Head.regression()));

    private final Map<String, LayerSpec> byType;

    /** A catalog of the given specs; type names must be unique. */
    public LayerCatalog(List<LayerSpec> specs) {
        Map<String, LayerSpec> map = new LinkedHashMap<>();
        for (LayerSpec s : specs) {
            if (map.put(s.type(), s) != null) {
                throw new IllegalArgumentException("two layer specs named " + s.type());
            }
        }
        this.byType = java.util.Collections.unmodifiableMap(map);
    }

    /** The built-in catalog. */
    public static LayerCatalog standard() {
        return STANDARD;
    }

    /** The spec of a type by the name a project file writes. */
    public Optional<LayerSpec> find(String type) {
        return Optional.ofNullable(byType.get(type));
    }

    /** The spec of a type by its key. */
    public Optional<LayerSpec> find(LayerType type) {
        return find(type.name());
    }

    /** The spec of a type; throws {@link IllegalArgumentException} naming the closest known type. */
    public LayerSpec require(String type) {
        return find(type).orElseThrow(() -> new IllegalArgumentException(unknownTypeMessage(type)));
    }

    /** "unknown layer type "Dens"; did you mean Dense?" */
    public String unknownTypeMessage(String type) {
        String closest = byType.keySet().stream()
                .min(Comparator.comparingInt(known -> editDistance(known.toLowerCase(), type.toLowerCase())))
                .orElse(null);
        String hint = closest != null && editDistance(closest.toLowerCase(), type.toLowerCase()) <= 3
                ? "; did you mean " + closest + "?" : "; see `netloom layers` for the list";
        return "unknown layer type \"" + (type.length() > 40 ? type.substring(0, 37) + "..." : type) + "\"" + hint;
    }

    public List<LayerSpec> all() {
        return List.copyOf(byType.values());
    }

    /** Layer types grouped as the palette shows them. */
    public Map<Category, List<LayerSpec>> byCategory() {
        Map<Category, List<LayerSpec>> groups = new LinkedHashMap<>();
        for (Category c : Category.values()) {
            List<LayerSpec> inGroup = new ArrayList<>();
            for (LayerSpec s : byType.values()) {
                if (s.category() == c) {
                    inGroup.add(s);
                }
            }
            if (!inGroup.isEmpty()) {
                groups.put(c, List.copyOf(inGroup));
            }
        }
        return groups;
    }

    private static int editDistance(String a, String b) {
        // A very long word is not a typo of a layer type; no need to measure it.
        return b.length() > 64 ? Integer.MAX_VALUE : dev.netloom.graph.files.EditDistance.between(a, b);
    }
}
