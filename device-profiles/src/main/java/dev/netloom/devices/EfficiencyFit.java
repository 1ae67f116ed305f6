package dev.netloom.devices;

import dev.netloom.graph.Precision;
import dev.netloom.graph.analysis.GraphAnalysis;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * Fits a device's efficiency on each kind of kernel ({@link KernelClass}) and its parallel
 * efficiency to whole-model latencies (published tables, or the user's own measurements), so that
 * the estimator reproduces them: it minimises the sum of squared log errors
 * {@code Σ ln(estimate / latency)²} by coordinate descent (golden-section search on each
 * parameter in turn, in log space), which needs no derivatives of the estimator's roofline.
 * Deterministic: the same points give the same figures.
 *
 * <p>A kind of kernel that does less than {@value #MIN_SHARE} of the multiply-adds of every
 * point's graph cannot be told apart from the rest and keeps the device's general efficiency;
 * the parallel efficiency is fitted only when the points use more than one thread count.
 */
public final class EfficiencyFit {

    /**
     * One measured latency.
     *
     * @param model the model's name, for tables and leave-one-out fits
     * @param graph the analysed graph
     * @param precision the precision it ran at (its weights and, on these runtimes, its arithmetic)
     * @param threads threads it ran with
     * @param latencyMs the measured latency of one example
     */
    public record Point(String model, GraphAnalysis graph, Precision precision, int threads, double latencyMs) {
    }

    /**
     * The fitted figures.
     *
     * @param kernelEfficiency efficiency per kind of kernel found in the points' graphs
     * @param parallelEfficiency what each extra thread adds, 0 to 1
     * @param rmsLogError root mean square of {@code ln(estimate / latency)} over the points
     */
    public record Result(Map<KernelClass, Double> kernelEfficiency, double parallelEfficiency, double rmsLogError) {
    }

    static final double MIN_SHARE = 0.01;
    private static final double START_EFFICIENCY = 0.5;
    private static final double START_PARALLEL = 0.5;
    private static final double MIN_EFFICIENCY = 0.01;
    private static final double MAX_EFFICIENCY = 20;
    private static final int SWEEPS = 6;
    private static final int GOLDEN_STEPS = 30;

    private final Estimator estimator = new Estimator();

    /** Fits {@code device} to {@code points}; the device's other figures (peaks, bandwidth, overheads) stay as they are. */
    public Result fit(DeviceProfile device, List<Point> points) {
        if (points.isEmpty()) {
            throw new IllegalArgumentException("nothing to fit to");
        }
        List<KernelClass> classes = new ArrayList<>();
        for (KernelClass k : KernelClass.values()) {
            if (k != KernelClass.OTHER && points.stream().anyMatch(p -> share(p.graph(), k) >= MIN_SHARE)) {
                classes.add(k);
            }
        }
        boolean threadsVary = points.stream().mapToInt(Point::threads).distinct().count() > 1;
        // A fixed start, not the device's current figures: refitting a fitted profile gives the same figures.
        double[] logs = new double[classes.size()];
        java.util.Arrays.fill(logs, Math.log(START_EFFICIENCY));
        double parallel = threadsVary ? START_PARALLEL : device.compute().parallelEfficiency().value();
        for (int sweep = 0; sweep < SWEEPS; sweep++) {
            for (int i = 0; i < logs.length; i++) {
                final int index = i;
                final double p = parallel;
                logs[i] = golden(x -> {
                    double[] trial = logs.clone();
                    trial[index] = x;
                    return error(device, points, classes, trial, p);
                }, Math.log(MIN_EFFICIENCY), Math.log(MAX_EFFICIENCY));
            }
            if (threadsVary) {
                final double[] fixed = logs.clone();
                parallel = golden(p -> error(device, points, classes, fixed, p), 0, 1);
            }
        }
        Map<KernelClass, Double> fitted = new EnumMap<>(KernelClass.class);
        for (int i = 0; i < logs.length; i++) {
            fitted.put(classes.get(i), Math.exp(logs[i]));
        }
        double rms = Math.sqrt(error(device, points, classes, logs, parallel) / points.size());
        return new Result(fitted, parallel, rms);
    }

    /** {@code device} with the fitted figures, each citing {@code source}. */
    public static DeviceProfile apply(DeviceProfile device, Result r, String source) {
        ComputeUnit c = device.compute();
        Map<KernelClass, Figure> kernels = new EnumMap<>(KernelClass.class);
        kernels.putAll(c.kernelEfficiency());
        r.kernelEfficiency().forEach((k, v) -> kernels.put(k, new Figure(v, Provenance.DERIVED, source)));
        ComputeUnit fitted = new ComputeUnit(c.description(), c.cores(), c.clockGHz(), c.peakPerCore(), c.efficiency(),
                new Figure(r.parallelEfficiency(), Provenance.DERIVED, source), c.matrixVectorPerCore(), kernels);
        return device.withCompute(fitted, device.defaultThreads());
    }

    /** The estimate of one point on a device. */
    public double estimateMs(DeviceProfile device, Point p) {
        return estimator.estimate(p.graph(), device, PrecisionPlan.uniform(p.precision()), p.threads()).latencyMs();
    }

    private double error(DeviceProfile device, List<Point> points, List<KernelClass> classes, double[] logs,
                         double parallel) {
        Map<KernelClass, Double> values = new EnumMap<>(KernelClass.class);
        for (int i = 0; i < logs.length; i++) {
            values.put(classes.get(i), Math.exp(logs[i]));
        }
        DeviceProfile trial = apply(device, new Result(values, parallel, 0), "trial");
        double sum = 0;
        for (Point p : points) {
            double e = Math.log(estimateMs(trial, p) / p.latencyMs());
            sum += e * e;
        }
        return sum;
    }

    /** The fraction of a graph's multiply-adds that run on a kind of kernel. */
    static double share(GraphAnalysis graph, KernelClass k) {
        long total = graph.total().multiplyAdds();
        long mine = graph.order().stream().map(id -> graph.report(id).orElse(null))
                .filter(r -> r != null && KernelClass.of(r) == k).mapToLong(r -> r.cost().multiplyAdds()).sum();
        return total == 0 ? 0 : mine / (double) total;
    }

    /** The minimum of a unimodal-enough function on [lo, hi] by golden-section search. */
    private static double golden(java.util.function.DoubleUnaryOperator f, double lo, double hi) {
        double ratio = (Math.sqrt(5) - 1) / 2;
        double a = lo;
        double b = hi;
        double c = b - ratio * (b - a);
        double d = a + ratio * (b - a);
        double fc = f.applyAsDouble(c);
        double fd = f.applyAsDouble(d);
        for (int i = 0; i < GOLDEN_STEPS; i++) {
            if (fc < fd) {
                b = d;
                d = c;
                fd = fc;
                c = b - ratio * (b - a);
                fc = f.applyAsDouble(c);
            } else {
                a = c;
                c = d;
                fc = fd;
                d = a + ratio * (b - a);
                fd = f.applyAsDouble(d);
            }
        }
        return (a + b) / 2;
    }
}
