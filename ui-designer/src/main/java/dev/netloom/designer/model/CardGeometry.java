package dev.netloom.designer.model;

import dev.netloom.graph.Direction;
import dev.netloom.graph.catalog.LayerSpec;
import dev.netloom.graph.catalog.PortSpec;

import java.util.List;

/**
 * Where things sit on a node's card, in canvas units relative to the card's top-left corner.
 * Cards are laid out by these numbers, not by CSS, so that edges, auto-layout and hit tests
 * agree with what is drawn without waiting for a layout pass.
 */
public final class CardGeometry {

    /** Every card has this width. */
    public static final double WIDTH = 224;
    /** The title and type rows. */
    public static final double HEADER = 46;
    /** Vertical distance between two ports on one side. */
    public static final double PORT_SPACING = 22;
    /** The shape and parameter-count row at the bottom. */
    public static final double FOOTER = 30;
    /** Radius of a port's dot. */
    public static final double PORT_RADIUS = 6;

    private CardGeometry() {
    }

    /** The card's height for a layer type: room for the header, its ports and the footer. */
    public static double height(LayerSpec spec) {
        int rows = Math.max(1, Math.max(spec.inputs().size(), spec.outputs().size()));
        return HEADER + rows * PORT_SPACING + FOOTER;
    }

    /** The x of a port's centre in a left-to-right drawing: the left edge for inputs, the right edge for outputs. */
    public static double portX(Direction direction) {
        return direction == Direction.IN ? 0 : WIDTH;
    }

    /** The y of a port's centre in a left-to-right drawing; ports of one side are spread over the card's middle band. */
    public static double portY(LayerSpec spec, String port, Direction direction) {
        List<PortSpec> ports = direction == Direction.IN ? spec.inputs() : spec.outputs();
        int rows = Math.max(1, Math.max(spec.inputs().size(), spec.outputs().size()));
        int index = indexOf(ports, port);
        // Centre the side's ports in the band, so a single output sits level with the middle input.
        double band = rows * PORT_SPACING;
        double start = HEADER + (band - ports.size() * PORT_SPACING) / 2;
        return start + index * PORT_SPACING + PORT_SPACING / 2;
    }

    /**
     * A port's centre relative to the card's top-left corner in a drawing of the given flow: left
     * and right edges when it reads left to right; top edge (inputs) and bottom edge (outputs),
     * spread evenly over the width, when it reads top to bottom.
     */
    public static Point port(LayerSpec spec, String port, Direction direction, Flow flow) {
        if (!flow.vertical()) {
            return new Point(portX(direction), portY(spec, port, direction));
        }
        List<PortSpec> ports = direction == Direction.IN ? spec.inputs() : spec.outputs();
        int index = indexOf(ports, port);
        double x = WIDTH * (index + 1) / (ports.size() + 1);
        return new Point(x, direction == Direction.IN ? 0 : height(spec));
    }

    private static int indexOf(List<PortSpec> ports, String port) {
        int index = 0;
        for (int i = 0; i < ports.size(); i++) {
            if (ports.get(i).name().equals(port)) {
                index = i;
            }
        }
        return index;
    }

    /** A point relative to a card's top-left corner, in canvas units. */
    public record Point(double x, double y) {
    }
}
