package dev.netloom.designer.view;

import dev.netloom.designer.model.Flow;
import dev.netloom.graph.Edge;
import dev.netloom.graph.analysis.Fix;
import dev.netloom.graph.catalog.LayerSpec;

import java.util.function.Consumer;

/** Makes the skin of each model element; the canvas asks it, so another look can be plugged in. */
public interface SkinFactory {

    NodeSkin createNodeSkin(String nodeId, LayerSpec spec, Consumer<Fix> onFix);

    /** A card whose port dots sit on the sides {@code flow} puts them (left/right or top/bottom). */
    default NodeSkin createNodeSkin(String nodeId, LayerSpec spec, Consumer<Fix> onFix, Flow flow) {
        return createNodeSkin(nodeId, spec, onFix);
    }

    EdgeSkin createEdgeSkin(Edge edge);

    /** The standard cards and curves. */
    static SkinFactory standard() {
        return new SkinFactory() {
            @Override
            public NodeSkin createNodeSkin(String nodeId, LayerSpec spec, Consumer<Fix> onFix) {
                return new NodeSkin(nodeId, spec, onFix);
            }

            @Override
            public NodeSkin createNodeSkin(String nodeId, LayerSpec spec, Consumer<Fix> onFix, Flow flow) {
                return new NodeSkin(nodeId, spec, onFix, flow);
            }

            @Override
            public EdgeSkin createEdgeSkin(Edge edge) {
                return new EdgeSkin(edge);
            }
        };
    }
}
