package dev.netloom.graph.layers;

import dev.netloom.graph.TensorKind;
import dev.netloom.graph.TensorType;
import dev.netloom.graph.catalog.Category;
import dev.netloom.graph.catalog.LayerContext;
import dev.netloom.graph.catalog.LayerSpec;
import dev.netloom.graph.catalog.LayerTraits;
import dev.netloom.graph.catalog.LayerType;
import dev.netloom.graph.catalog.ParamSpec;
import dev.netloom.graph.catalog.PortSpec;
import dev.netloom.graph.catalog.WeightUse;

import java.util.List;
import java.util.Map;

/**
 * Enlarges a feature map by a whole factor: [C, H, W] -> [C, H·s, W·s], with no weights. The
 * two modes are PyTorch's {@code nn.Upsample} with {@code align_corners=False}: {@code nearest}
 * copies each value into an s×s block (source pixel {@code floor(x / s)}), {@code bilinear}
 * interpolates between the four nearest values with pixel centres aligned (source coordinate
 * {@code (x + 0.5) / s − 0.5}, clamped at the border). The ONNX writer uses {@code Resize} with
 * the coordinate modes that compute the same ({@code asymmetric} + {@code floor},
 * {@code half_pixel}). The decoder half of a U-Net or a feature pyramid.
 */
public final class Upsample extends LayerSpec {

    /** The interpolation modes offered, in the order the property sheet lists them. */
    public static final List<String> MODES = List.of("nearest", "bilinear");

    public Upsample() {
        super(LayerType.UPSAMPLE, Category.CONVOLUTION, LayerTraits.computing(WeightUse.NONE),
                "Enlarges a picture or feature map, to go back up to full size in a segmentation model.",
                List.of(ParamSpec.integer("scale", 2, 1, 16, "How many times larger the height and width become "
                                + "(2 doubles them)."),
                        ParamSpec.choice("mode", "nearest", MODES, "How new pixels are filled: nearest copies the "
                                + "closest value; bilinear blends the four closest, for smoother maps.")),
                List.of(PortSpec.input("in", "a feature map", TensorKind.IMAGE),
                        PortSpec.output("out", "a larger feature map", TensorKind.IMAGE)));
    }

    /** Whether the node interpolates bilinearly rather than copying the nearest value. */
    public static boolean bilinear(Map<String, Object> params) {
        return "bilinear".equals(params.get("mode"));
    }

    @Override
    protected Map<String, TensorType> outputs(LayerContext ctx) {
        TensorType in = ctx.in();
        long s = ctx.intParam("scale");
        return Map.of("out", TensorType.floats(in.dim(0), dimension(in.dim(1) * s), dimension(in.dim(2) * s)));
    }

    @Override
    protected long parameters(LayerContext ctx) {
        return 0;
    }

    @Override
    protected long multiplyAdds(LayerContext ctx) {
        return 0; // interpolation is not a matrix product or convolution (the convention of published tables)
    }
}
