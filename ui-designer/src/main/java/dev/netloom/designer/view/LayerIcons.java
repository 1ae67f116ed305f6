package dev.netloom.designer.view;

import dev.netloom.graph.catalog.Category;
import dev.netloom.graph.catalog.LayerType;
import org.kordamp.ikonli.Ikon;
import org.kordamp.ikonli.materialdesign2.MaterialDesignA;
import org.kordamp.ikonli.materialdesign2.MaterialDesignB;
import org.kordamp.ikonli.materialdesign2.MaterialDesignC;
import org.kordamp.ikonli.materialdesign2.MaterialDesignE;
import org.kordamp.ikonli.materialdesign2.MaterialDesignF;
import org.kordamp.ikonli.materialdesign2.MaterialDesignG;
import org.kordamp.ikonli.materialdesign2.MaterialDesignI;
import org.kordamp.ikonli.materialdesign2.MaterialDesignL;
import org.kordamp.ikonli.materialdesign2.MaterialDesignM;
import org.kordamp.ikonli.materialdesign2.MaterialDesignP;
import org.kordamp.ikonli.materialdesign2.MaterialDesignR;
import org.kordamp.ikonli.materialdesign2.MaterialDesignS;
import org.kordamp.ikonli.materialdesign2.MaterialDesignT;
import org.kordamp.ikonli.materialdesign2.MaterialDesignV;
import org.kordamp.ikonli.materialdesign2.MaterialDesignW;
import org.kordamp.ikonli.javafx.FontIcon;

import java.util.Map;

/**
 * The icon each layer type shows in the palette and on its card (Material Design icons): a
 * registry keyed by {@link LayerType}; {@code LayerIconsTest} fails naming a catalog type without
 * an icon of its own.
 */
public final class LayerIcons {

    private static final Map<LayerType, Ikon> BY_TYPE = Map.ofEntries(
            Map.entry(LayerType.IMAGE, MaterialDesignI.IMAGE_OUTLINE),
            Map.entry(LayerType.TOKENS, MaterialDesignF.FORMAT_TEXT),
            Map.entry(LayerType.TABULAR, MaterialDesignT.TABLE),
            Map.entry(LayerType.DENSE, MaterialDesignV.VECTOR_POLYLINE),
            Map.entry(LayerType.DROPOUT, MaterialDesignE.EYE_OFF_OUTLINE),
            Map.entry(LayerType.ACTIVATION, MaterialDesignS.SINE_WAVE),
            Map.entry(LayerType.FLATTEN, MaterialDesignA.ARROW_COLLAPSE_HORIZONTAL),
            Map.entry(LayerType.RESHAPE, MaterialDesignS.SHAPE_OUTLINE),
            Map.entry(LayerType.ADD, MaterialDesignP.PLUS_CIRCLE_OUTLINE),
            Map.entry(LayerType.CONCAT, MaterialDesignC.CALL_MERGE),
            Map.entry(LayerType.CONV1D, MaterialDesignW.WAVEFORM),
            Map.entry(LayerType.MULTIPLY, MaterialDesignM.MULTIPLICATION),
            Map.entry(LayerType.CONV2D, MaterialDesignG.GRID),
            Map.entry(LayerType.CONV_TRANSPOSE2D, MaterialDesignG.GRID_LARGE),
            Map.entry(LayerType.DEPTHWISE_CONV2D, MaterialDesignV.VIEW_GRID_OUTLINE),
            Map.entry(LayerType.MAX_POOL1D, MaterialDesignA.ARROW_COLLAPSE_HORIZONTAL),
            Map.entry(LayerType.MAX_POOL2D, MaterialDesignA.ARROW_COLLAPSE_ALL),
            Map.entry(LayerType.AVG_POOL1D, MaterialDesignA.ARROW_COLLAPSE_HORIZONTAL),
            Map.entry(LayerType.AVG_POOL2D, MaterialDesignA.ARROW_COLLAPSE_ALL),
            Map.entry(LayerType.GLOBAL_AVG_POOL, MaterialDesignA.ARROW_COLLAPSE),
            Map.entry(LayerType.GLOBAL_MAX_POOL, MaterialDesignA.ARROW_COLLAPSE_UP),
            Map.entry(LayerType.SQUEEZE_EXCITE, MaterialDesignT.TUNE_VERTICAL),
            Map.entry(LayerType.UPSAMPLE, MaterialDesignA.ARROW_EXPAND_ALL),
            Map.entry(LayerType.BATCH_NORM, MaterialDesignS.SCALE_BALANCE),
            Map.entry(LayerType.GROUP_NORM, MaterialDesignS.SCALE_BALANCE),
            Map.entry(LayerType.LAYER_NORM, MaterialDesignS.SCALE_BALANCE),
            Map.entry(LayerType.CLASS_TOKEN, MaterialDesignT.TAG_PLUS_OUTLINE),
            Map.entry(LayerType.EMBEDDING, MaterialDesignA.ALPHABETICAL_VARIANT),
            Map.entry(LayerType.POSITIONAL_EMBEDDING, MaterialDesignM.MAP_MARKER_OUTLINE),
            Map.entry(LayerType.PATCH_EMBEDDING, MaterialDesignV.VIEW_MODULE),
            Map.entry(LayerType.MULTI_HEAD_SELF_ATTENTION, MaterialDesignE.EYE_OUTLINE),
            Map.entry(LayerType.TAKE_TOKEN, MaterialDesignT.TAG_ARROW_RIGHT_OUTLINE),
            Map.entry(LayerType.TRANSFORMER_ENCODER_BLOCK, MaterialDesignL.LAYERS_OUTLINE),
            Map.entry(LayerType.CROSS_ATTENTION, MaterialDesignS.SWAP_HORIZONTAL),
            Map.entry(LayerType.GATED_FUSION, MaterialDesignS.SOURCE_MERGE),
            Map.entry(LayerType.GRU, MaterialDesignR.REPEAT),
            Map.entry(LayerType.LSTM, MaterialDesignR.REPEAT_VARIANT),
            Map.entry(LayerType.MOE, MaterialDesignA.ACCOUNT_GROUP_OUTLINE),
            Map.entry(LayerType.CLASSIFICATION, MaterialDesignT.TARGET),
            Map.entry(LayerType.PER_POSITION_CLASSIFICATION, MaterialDesignB.BLUR),
            Map.entry(LayerType.PER_POSITION_REGRESSION, MaterialDesignB.BLUR_LINEAR),
            Map.entry(LayerType.REGRESSION, MaterialDesignC.CHART_BELL_CURVE));

    private LayerIcons() {
    }

    /** The icon of a layer type; a cube for types without one of their own. */
    public static Ikon of(LayerType type) {
        return BY_TYPE.getOrDefault(type, MaterialDesignC.CUBE_OUTLINE);
    }

    /** Whether the type has its own icon ({@code LayerIconsTest} checks every catalog type does). */
    public static boolean hasOwnIcon(LayerType type) {
        return BY_TYPE.containsKey(type);
    }

    /** A ready-to-add icon node with the given size and style classes. */
    public static FontIcon icon(LayerType type, int size, String... styleClasses) {
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
            case RECURRENT -> MaterialDesignR.REPEAT;
            case MIXTURE_OF_EXPERTS -> MaterialDesignA.ACCOUNT_GROUP_OUTLINE;
            case NORMALIZATION -> MaterialDesignS.SCALE_BALANCE;
            case HEADS -> MaterialDesignT.TARGET;
        };
    }
}
