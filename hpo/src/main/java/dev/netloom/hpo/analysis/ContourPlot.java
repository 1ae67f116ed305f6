package dev.netloom.hpo.analysis;

import dev.netloom.hpo.FrozenTrial;
import dev.netloom.hpo.TrialState;
import java.util.ArrayList;
import java.util.List;

/**
 * The data of a contour plot of two parameters: the COMPLETE trials that have both, as scattered
 * (x, y, value) points; the view interpolates.
 *
 * @param xParam the horizontal parameter
 * @param yParam the vertical parameter
 * @param points by trial number
 */
public record ContourPlot(String xParam, String yParam, List<Point> points) {

    /** One trial. */
    public record Point(int number, Object x, Object y, double value) {
    }

    public ContourPlot {
        points = List.copyOf(points);
    }

    public static ContourPlot of(List<FrozenTrial> trials, String xParam, String yParam, int target) {
        List<Point> out = new ArrayList<>();
        for (FrozenTrial t : trials) {
            if (t.state() == TrialState.COMPLETE && t.internalParams().containsKey(xParam)
                    && t.internalParams().containsKey(yParam)) {
                out.add(new Point(t.number(), t.param(xParam), t.param(yParam), t.values().get(target)));
            }
        }
        return new ContourPlot(xParam, yParam, out);
    }
}
