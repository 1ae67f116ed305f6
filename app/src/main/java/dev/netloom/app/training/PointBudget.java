package dev.netloom.app.training;

import java.util.ArrayList;
import java.util.List;

/**
 * A series of points kept within a budget however long it grows, for charts of long runs. Points
 * fall into buckets of equal width along x; each bucket keeps only its lowest and its highest
 * point, so spikes and dips survive (an average would hide a loss spike). When the buckets
 * outnumber half the budget, neighbouring pairs merge and the width doubles. Adding is O(1)
 * amortised and {@link #points()} returns at most {@code budget} points, in x order, whatever
 * the number added: a million steps cost the chart as much as six hundred.
 *
 * <p>Not thread-safe: the Train view's model adds and reads under its own lock.
 */
public final class PointBudget {

    /** A point of a chart. */
    public record Point(double x, double y) {
    }

    private final int budget;
    private final List<Point[]> buckets = new ArrayList<>(); // {lowest, highest}; one bucket per width of x
    private double origin = Double.NaN;
    private double width;
    private long added;

    /**
     * @param budget the most points {@link #points()} returns (at least 4)
     * @param firstWidth the x width of a bucket at the start (for example one step)
     */
    public PointBudget(int budget, double firstWidth) {
        if (budget < 4 || !(firstWidth > 0)) {
            throw new IllegalArgumentException("a point budget needs at least 4 points and a positive bucket width");
        }
        this.budget = budget;
        this.width = firstWidth;
    }

    /** Adds a point; x must not go backwards. NaN and infinite values are skipped (a chart cannot draw them). */
    public void add(double x, double y) {
        if (!Double.isFinite(x) || !Double.isFinite(y)) {
            return;
        }
        if (Double.isNaN(origin)) {
            origin = x;
        }
        added++;
        int index = bucketOf(x);
        while (index >= budget / 2) {
            mergePairs();
            index = bucketOf(x);
        }
        while (buckets.size() <= index) {
            buckets.add(null);
        }
        Point p = new Point(x, y);
        Point[] b = buckets.get(index);
        if (b == null) {
            buckets.set(index, new Point[] {p, p});
        } else {
            if (y < b[0].y()) {
                b[0] = p;
            }
            if (y >= b[1].y()) {
                b[1] = p;
            }
        }
    }

    /** How many points were added (not skipped). */
    public long added() {
        return added;
    }

    /** The kept points in x order: at most the budget. */
    public List<Point> points() {
        List<Point> out = new ArrayList<>(budget);
        for (Point[] b : buckets) {
            if (b == null) {
                continue;
            }
            Point first = b[0].x() <= b[1].x() ? b[0] : b[1];
            Point second = first == b[0] ? b[1] : b[0];
            out.add(first);
            if (second != first) {
                out.add(second);
            }
        }
        return out;
    }

    private int bucketOf(double x) {
        // A point a rounding error left of the first one belongs to the first bucket.
        return (int) Math.max(0, Math.floor((x - origin) / width));
    }

    private void mergePairs() {
        List<Point[]> merged = new ArrayList<>(buckets.size() / 2 + 1);
        for (int i = 0; i < buckets.size(); i += 2) {
            Point[] a = buckets.get(i);
            Point[] b = i + 1 < buckets.size() ? buckets.get(i + 1) : null;
            if (a == null || b == null) {
                merged.add(a != null ? a : b);
            } else {
                merged.add(new Point[] {b[0].y() < a[0].y() ? b[0] : a[0], b[1].y() >= a[1].y() ? b[1] : a[1]});
            }
        }
        buckets.clear();
        buckets.addAll(merged);
        width *= 2;
    }
}
