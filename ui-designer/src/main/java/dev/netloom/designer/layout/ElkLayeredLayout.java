package dev.netloom.designer.layout;

import dev.netloom.designer.model.CardGeometry;
import dev.netloom.designer.model.Flow;
import dev.netloom.graph.Direction;
import dev.netloom.graph.Edge;
import dev.netloom.graph.Graph;
import dev.netloom.graph.Node;
import dev.netloom.graph.Position;
import dev.netloom.graph.catalog.LayerCatalog;
import dev.netloom.graph.catalog.LayerSpec;
import dev.netloom.graph.catalog.PortSpec;
import org.eclipse.elk.alg.layered.options.LayeredMetaDataProvider;
import org.eclipse.elk.alg.layered.options.LayeredOptions;
import org.eclipse.elk.core.RecursiveGraphLayoutEngine;
import org.eclipse.elk.core.data.LayoutMetaDataService;
import org.eclipse.elk.core.math.ElkPadding;
import org.eclipse.elk.core.options.Alignment;
import org.eclipse.elk.core.options.CoreOptions;
import org.eclipse.elk.core.options.HierarchyHandling;
import org.eclipse.elk.core.options.PortConstraints;
import org.eclipse.elk.core.options.PortSide;
import org.eclipse.elk.core.util.BasicProgressMonitor;
import org.eclipse.elk.graph.ElkEdge;
import org.eclipse.elk.graph.ElkNode;
import org.eclipse.elk.graph.ElkPort;
import org.eclipse.elk.graph.util.ElkGraphUtil;

import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Layered layout by Eclipse ELK (Sugiyama style: layers, crossing minimisation, straight-ish
 * edges), top to bottom or left to right ({@link Flow}). ELK runs on the plain class path: its
 * meta-data provider is registered once here instead of through Eclipse's extension registry.
 *
 * <p>Multimodal graphs read one lane per input ({@link Lanes}): each input's own branch is put
 * in a box of its own (an ELK compound node, laid out with the rest through
 * {@code INCLUDE_CHILDREN}), so the branches sit in bands that never interleave (columns side by
 * side when the drawing reads top to bottom, rows one above the other when it reads left to
 * right); the nodes where branches join (fusion, heads) are placed by the layered algorithm
 * after them. The boxes are not drawn: only the positions of the cards inside them are kept.
 *
 * <p>Cards keep their real sizes and their ports their real places ({@link CardGeometry}), so
 * ELK routes edges between the dots the canvas draws.
 */
public final class ElkLayeredLayout implements GraphLayout {

    /** Gap between columns of layers; leaves room for edge labels. */
    static final double LAYER_GAP = 130;
    /** Gap between rows of layers when the drawing reads top to bottom; the edge labels sit beside the edges. */
    static final double ROW_GAP = 64;
    /** Gap between cards in one column; leaves room for a problem message under a card. */
    static final double NODE_GAP = 56;

    private static final Object REGISTER_LOCK = new Object();
    private static volatile boolean registered;

    private final LayerCatalog catalog;

    public ElkLayeredLayout(LayerCatalog catalog) {
        this.catalog = catalog;
    }

    private static void register() {
        synchronized (REGISTER_LOCK) {
            if (!registered) {
                LayoutMetaDataService.getInstance().registerLayoutMetaDataProviders(new LayeredMetaDataProvider());
                registered = true;
            }
        }
    }

    @Override
    public Map<String, Position> layout(Graph graph, Flow flow) {
        // Registered on first use, not when the designer is built: ELK's meta-data loads hundreds of
        // classes, and the studio's window should not wait for them before the first layout.
        register();
        org.eclipse.elk.core.options.Direction direction = flow.vertical()
                ? org.eclipse.elk.core.options.Direction.DOWN : org.eclipse.elk.core.options.Direction.RIGHT;
        double layerGap = flow.vertical() ? ROW_GAP : LAYER_GAP;
        ElkNode root = ElkGraphUtil.createGraph();
        root.setProperty(CoreOptions.ALGORITHM, LayeredOptions.ALGORITHM_ID);
        root.setProperty(CoreOptions.DIRECTION, direction);
        root.setProperty(LayeredOptions.SPACING_NODE_NODE_BETWEEN_LAYERS, layerGap);
        root.setProperty(CoreOptions.SPACING_NODE_NODE, NODE_GAP);
        root.setProperty(CoreOptions.SPACING_COMPONENT_COMPONENT, NODE_GAP);
        root.setProperty(LayeredOptions.SPACING_EDGE_NODE_BETWEEN_LAYERS, 24.0);

        Lanes lanes = Lanes.of(graph, catalog);
        Map<String, ElkNode> parents = new HashMap<>();
        if (lanes.multimodal()) {
            root.setProperty(CoreOptions.HIERARCHY_HANDLING, HierarchyHandling.INCLUDE_CHILDREN);
            lanes.byInput().forEach((input, ids) -> {
                ElkNode lane = ElkGraphUtil.createNode(root);
                lane.setIdentifier("lane-" + input);
                lane.setProperty(CoreOptions.PADDING, new ElkPadding(0));
                // Every lane starts where the inputs are (top or left edge), however long it is.
                lane.setProperty(CoreOptions.ALIGNMENT, flow.vertical() ? Alignment.TOP : Alignment.LEFT);
                lane.setProperty(CoreOptions.DIRECTION, direction);
                lane.setProperty(LayeredOptions.SPACING_NODE_NODE_BETWEEN_LAYERS, layerGap);
                lane.setProperty(CoreOptions.SPACING_NODE_NODE, NODE_GAP);
                lane.setProperty(LayeredOptions.SPACING_EDGE_NODE_BETWEEN_LAYERS, 24.0);
                ids.forEach(id -> parents.put(id, lane));
            });
        }

        Map<String, ElkNode> elkNodes = new LinkedHashMap<>();
        Map<String, ElkPort> elkPorts = new HashMap<>();
        for (Node node : graph.nodes()) {
            LayerSpec spec = catalog.find(node.type()).orElse(null);
            ElkNode n = ElkGraphUtil.createNode(parents.getOrDefault(node.id(), root));
            n.setIdentifier(node.id());
            n.setDimensions(CardGeometry.WIDTH, spec == null ? 100 : CardGeometry.height(spec));
            n.setProperty(CoreOptions.PORT_CONSTRAINTS, PortConstraints.FIXED_POS);
            elkNodes.put(node.id(), n);
            if (spec == null) {
                continue;
            }
            for (PortSpec p : spec.inputs()) {
                elkPorts.put(node.id() + "#in#" + p.name(), port(n, spec, p, Direction.IN, flow));
            }
            for (PortSpec p : spec.outputs()) {
                elkPorts.put(node.id() + "#out#" + p.name(), port(n, spec, p, Direction.OUT, flow));
            }
        }
        for (Edge e : graph.edges()) {
            ElkPort from = elkPorts.get(e.from().nodeId() + "#out#" + e.from().port());
            ElkPort to = elkPorts.get(e.to().nodeId() + "#in#" + e.to().port());
            if (from != null && to != null) {
                ElkEdge edge = ElkGraphUtil.createSimpleEdge(from, to);
                ElkGraphUtil.updateContainment(edge); // across lanes: owned by the graph around both
            }
        }
        new RecursiveGraphLayoutEngine().layout(root, new BasicProgressMonitor());

        Map<String, Position> out = new LinkedHashMap<>();
        elkNodes.forEach((id, n) -> {
            // Inside a lane, ELK's coordinates are relative to the lane's box.
            double x = n.getX();
            double y = n.getY();
            for (ElkNode p = n.getParent(); p != null && p != root; p = p.getParent()) {
                x += p.getX();
                y += p.getY();
            }
            out.put(id, new Position(Math.round(x), Math.round(y)));
        });
        return out;
    }

    private static ElkPort port(ElkNode owner, LayerSpec spec, PortSpec p, Direction direction, Flow flow) {
        ElkPort port = ElkGraphUtil.createPort(owner);
        port.setDimensions(1, 1);
        CardGeometry.Point at = CardGeometry.port(spec, p.name(), direction, flow);
        port.setLocation(at.x() - 0.5, at.y() - 0.5);
        PortSide side = flow.vertical()
                ? (direction == Direction.IN ? PortSide.NORTH : PortSide.SOUTH)
                : (direction == Direction.IN ? PortSide.WEST : PortSide.EAST);
        port.setProperty(CoreOptions.PORT_SIDE, side);
        return port;
    }
}
