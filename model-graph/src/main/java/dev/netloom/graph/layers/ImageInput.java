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

import java.util.List;
import java.util.Map;

/** A picture entering the model, as a [C, H, W] tensor. */
public final class ImageInput extends LayerSpec {

    public ImageInput() {
        super(LayerType.IMAGE, Category.INPUTS, LayerTraits.FREE,
                "A picture fed to the model, resized to a fixed height and width.",
                List.of(
                        ParamSpec.integer("height", 28, 1, 4096, "Picture height in pixels after resizing."),
                        ParamSpec.integer("width", 28, 1, 4096, "Picture width in pixels after resizing."),
                        ParamSpec.integer("channels", 1, 1, 64, "Colour channels: 1 for grey, 3 for colour (RGB).")),
                List.of(PortSpec.output("out", "the picture", TensorKind.IMAGE)));
    }

    @Override
    protected Map<String, TensorType> outputs(LayerContext ctx) {
        return Map.of("out", TensorType.floats(ctx.intParam("channels"), ctx.intParam("height"), ctx.intParam("width")));
    }

    @Override
    protected long parameters(LayerContext ctx) {
        return 0;
    }

    @Override
    protected long multiplyAdds(LayerContext ctx) {
        return 0;
    }
}
