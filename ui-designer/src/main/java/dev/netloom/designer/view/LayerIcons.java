package dev.netloom.designer.view;

import dev.netloom.graph.catalog.Category;
import org.kordamp.ikonli.Ikon;
import org.kordamp.ikonli.materialdesign2.MaterialDesignA;
import org.kordamp.ikonli.materialdesign2.MaterialDesignC;
import org.kordamp.ikonli.materialdesign2.MaterialDesignE;
import org.kordamp.ikonli.materialdesign2.MaterialDesignF;
import org.kordamp.ikonli.materialdesign2.MaterialDesignG;
import org.kordamp.ikonli.materialdesign2.MaterialDesignI;
import org.kordamp.ikonli.materialdesign2.MaterialDesignL;
import org.kordamp.ikonli.materialdesign2.MaterialDesignM;
import org.kordamp.ikonli.materialdesign2.MaterialDesignP;
import org.kordamp.ikonli.materialdesign2.MaterialDesignS;
import org.kordamp.ikonli.materialdesign2.MaterialDesignT;
import org.kordamp.ikonli.materialdesign2.MaterialDesignV;
import org.kordamp.ikonli.javafx.FontIcon;

import java.util.Map;

/** The icon each layer type shows in the palette and on its card (Material Design icons). */
public final class LayerIcons {

    private static final Map<String, Ikon> BY_TYPE = Map.ofEntries(
            Map.entry("Image", MaterialDesignI.IMAGE_OUTLINE),
            Map.entry("Tokens", MaterialDesignF.FORMAT_TEXT),
            Map.entry("Tabular", MaterialDesignT.TABLE),
            Map.entry("Dense", MaterialDesignV.VECTOR_POLYLINE),
            Map.entry("Dropout", MaterialDesignE.EYE_OFF_OUTLINE),
            Map.entry("Activation", MaterialDesignS.SINE_WAVE),
            Map.entry("Flatten", MaterialDesignA.ARROW_COLLAPSE_HORIZONTAL),
            Map.entry("Reshape", MaterialDesignS.SHAPE_OUTLINE),
            Map.entry("Add", MaterialDesignP.PLUS_CIRCLE_OUTLINE),
            Map.entry("Concat", MaterialDesignC.CALL_MERGE),
            Map.entry("Conv2d", MaterialDesignG.GRID),
            Map.entry("DepthwiseConv2d", MaterialDesignV.VIEW_GRID_OUTLINE),
            Map.entry("MaxPool2d", MaterialDesignA.ARROW_COLLAPSE_ALL),
            Map.entry("AvgPool2d", MaterialDesignA.ARROW_COLLAPSE_ALL),
            Map.entry("GlobalAvgPool", MaterialDesignA.ARROW_COLLAPSE),
            Map.entry("BatchNorm", MaterialDesignS.SCALE_BALANCE),
            Map.entry("LayerNorm", MaterialDesignS.SCALE_BALANCE),
            Map.entry("Embedding", MaterialDesignA.ALPHABETICAL_VARIANT),
            Map.entry("PositionalEmbedding", MaterialDesignM.MAP_MARKER_OUTLINE),
            Map.entry("PatchEmbedding", MaterialDesignV.VIEW_MODULE),
            Map.entry("MultiHeadSelfAttention", MaterialDesignE.EYE_OUTLINE),
            Map.entry("TransformerEncoderBlock", MaterialDesignL.LAYERS_OUTLINE),
            Map.entry("CrossAttention", MaterialDesignS.SWAP_HORIZONTAL),
            Map.entry("GatedFusion", MaterialDesignS.SOURCE_MERGE),
            Map.entry("MoE", MaterialDesignA.ACCOUNT_GROUP_OUTLINE),
            Map.entry("Classification", MaterialDesignT.TARGET),
            Map.entry("Regression", MaterialDesignC.CHART_BELL_CURVE));

    private LayerIcons() {
    }

    /** The icon of a layer type; a cube for types without one of their own. */
    public static Ikon of(String type) {
        return BY_TYPE.getOrDefault(type, MaterialDesignC.CUBE_OUTLINE);
    }

    /** Whether the type has its own icon (tests check every catalog type does). */
    public static boolean hasOwnIcon(String type) {
        return BY_TYPE.containsKey(type);
    }

    /** A ready-to-add icon node with the given size and style classes. */
    public static FontIcon icon(String type, int size, String... styleClasses) {
        FontIcon icon = new FontIcon(of(type));
        icon.setIconSize(size);
        icon.getStyleClass().addAll(styleClasses);
        return icon;
    }

    /** The icon for a palette group's title. */
    public static Ikon of(Category category) {
        return switch (category) {
            case INPUTS -> MaterialDesignI.INBOX_ARROW_DOWN_OUTLINE;
            case CORE -> MaterialDesignC.CUBE_OUTLINE;
            case CONVOLUTION -> MaterialDesignG.GRID;
            case ATTENTION_FUSION -> MaterialDesignE.EYE_OUTLINE;
            case MIXTURE_OF_EXPERTS -> MaterialDesignA.ACCOUNT_GROUP_OUTLINE;
            case NORMALIZATION -> MaterialDesignS.SCALE_BALANCE;
            case HEADS -> MaterialDesignT.TARGET;
        };
    }
}
