package dev.netloom.export.host;

import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.FloatBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Measures this computer in ONNX Runtime and writes its device profile ("this-computer"),
 * which then replaces the shipped "not calibrated yet" placeholder in the catalog.
 *
 * <p>Six tiny models ({@link CalibrationModels}) each isolate one figure: an FP32 MatMul for
 * compute (with one thread and with the requested threads, which also gives the parallel
 * efficiency), an INT8 MatMulInteger, FP32 and dynamic-INT8 matrix-vector products (what a
 * linear layer does at batch 1: stream every weight for one multiply-add each), an element-wise
 * Add for memory bandwidth, and a chain of 200 tiny operators for the per-operator overhead. The
 * last-level cache size is read from the kernel. Each figure is the fastest of {@value #RUNS}
 * timed runs after one warm-up (the thread-scaling pair: of {@value #SCALING_ROUNDS} interleaved
 * rounds), so a calibration taken on a busy computer stays close to a quiet one, and the spread
 * of the runs says whether the computer was busy. The whole calibration takes a few seconds.
 */
public final class HostCalibration {

    static final int RUNS = 15;

    private final OrtEnvironment env = OrtEnvironment.getEnvironment();

    /** Rounds of the 1-thread and many-thread MatMul, interleaved so both meet the same load. */
    static final int SCALING_ROUNDS = 3;

    /**
     * Runs the models and returns the fastest run of each: on a busy computer the fastest run is
     * the one least disturbed by other work, so figures measured under load stay close to the
     * quiet machine's. How far the medians lie from the fastest runs is kept as
     * {@link HostMeasurement#spread()}, from which a busy machine is reported.
     *
     * @param threads the threads predictions will use (the profile's default); thread scaling is
     *        measured with these, or with all cores (up to 4) when {@code threads} is 1
     */
    public HostMeasurement measure(int threads) throws OrtException {
        int cores = Runtime.getRuntime().availableProcessors();
        int scaling = threads > 1 ? threads : Math.min(cores, 4);
        int n = CalibrationModels.MATMUL_SIZE;
        double matmulFlop = 2.0 * n * n * n;
        long[] square = {n, n};
        double spread = 1;
        Runs one = Runs.NONE;
        Runs many = Runs.NONE;
        double int8;
        double bandwidth;
        double perOp;
        try (OnnxTensor a = tensor(n * n, square); OnnxTensor b = tensor(n * n, square)) {
            Map<String, OnnxTensor> ab = Map.of("a", a, "b", b);
            for (int round = 0; round < SCALING_ROUNDS; round++) {
                one = one.faster(time(CalibrationModels.matMul(), 1, ab));
                if (scaling > 1) {
                    many = many.faster(time(CalibrationModels.matMul(), scaling, ab));
                }
            }
            spread = Math.max(spread, one.spread());
            int8 = int8GopsOrZero(matmulFlop, a);
        }
        double oneThread = matmulFlop / one.best() / 1e9;
        double scaled = scaling > 1 ? matmulFlop / many.best() / 1e9 : oneThread;
        long[] flat = {CalibrationModels.ADD_ELEMENTS};
        try (OnnxTensor a = tensor(CalibrationModels.ADD_ELEMENTS, flat);
             OnnxTensor b = tensor(CalibrationModels.ADD_ELEMENTS, flat)) {
            Runs add = time(CalibrationModels.add(), threads, Map.of("a", a, "b", b));
            spread = Math.max(spread, add.spread());
            bandwidth = 12.0 * CalibrationModels.ADD_ELEMENTS / add.best() / 1e9;
        }
        double matVec;
        double matVecInt8;
        int k = CalibrationModels.MATVEC_SIZE;
        try (OnnxTensor x = tensor(k, new long[] {1, k})) {
            matVec = 2.0 * k * k / time(CalibrationModels.matVec(), 1, Map.of("x", x)).best() / 1e9;
        }
        int k8 = CalibrationModels.MATVEC_INT8_SIZE;
        try (OnnxTensor x = tensor(k8, new long[] {1, k8})) {
            matVecInt8 = orZero(() -> 2.0 * k8 * k8 / time(CalibrationModels.matVecInteger(), 1, Map.of("x", x)).best() / 1e9);
        }
        try (OnnxTensor x = tensor(CalibrationModels.CHAIN_WIDTH, new long[] {1, CalibrationModels.CHAIN_WIDTH})) {
            perOp = time(CalibrationModels.chain(), 1, Map.of("x0", x)).best() / CalibrationModels.CHAIN_LENGTH * 1e6;
        }
        double perPrediction = Math.max(0, PredictionCost.medianUs(CalibrationModels.chain(1)) - perOp);
        return new HostMeasurement(LocalDate.now(), cpuModel(), cores, threads, oneThread, scaled, int8, bandwidth, perOp,
                env.getVersion(), matVec, matVecInt8, lastLevelCacheBytes(), perPrediction, scaling, spread);
    }

    /**
     * The fastest and the median of a model's timed runs, in seconds.
     *
     * @param best the fastest run
     * @param median the median run
     */
    record Runs(double best, double median) {

        static final Runs NONE = new Runs(Double.POSITIVE_INFINITY, Double.POSITIVE_INFINITY);

        /** How much slower the median run was than the fastest: 1 on a quiet machine. */
        double spread() {
            return median / best;
        }

        /** Whichever of the two has the faster best run. */
        Runs faster(Runs other) {
            return other.best < best ? other : this;
        }
    }

    private interface Timing {
        double run() throws OrtException;
    }

    /** INT8 figures are a bonus: a runtime build without MatMulInteger still calibrates FP32. */
    private static double orZero(Timing t) {
        try {
            return t.run();
        } catch (OrtException e) {
            return 0;
        }
    }

    /**
     * The largest cache in /sys/devices/system/cpu/cpu0/cache (the last level, usually shared), in bytes;
     * 0 when not Linux or not readable. Weights that fit there stay in it between predictions.
     */
    static long lastLevelCacheBytes() {
        Path dir = Path.of("/sys/devices/system/cpu/cpu0/cache");
        long best = 0;
        for (int i = 0; i < 8; i++) {
            for (String line : readLines(dir.resolve("index" + i).resolve("size"))) {
                String t = line.trim().toUpperCase(java.util.Locale.ROOT);
                long unit = t.endsWith("K") ? 1024 : t.endsWith("M") ? 1024 * 1024 : 1;
                String digits = t.replaceAll("[^0-9]", "");
                if (!digits.isEmpty()) {
                    best = Math.max(best, Long.parseLong(digits) * unit);
                }
            }
        }
        return best;
    }

    /** INT8 is a bonus figure: a runtime build without MatMulInteger still calibrates FP32. */
    private double int8GopsOrZero(double ops, OnnxTensor a) {
        try {
            return ops / time(CalibrationModels.matMulInteger(), 1, Map.of("a", a)).best() / 1e9;
        } catch (OrtException e) {
            return 0;
        }
    }

    /** Measures and writes the profile into {@code profileDir}; returns the file written. */
    public Path calibrate(int threads, Path profileDir) throws OrtException, IOException {
        return write(measure(threads), profileDir);
    }

    /** Writes a measurement as the this-computer profile into {@code profileDir}; returns the file written. */
    public static Path write(HostMeasurement m, Path profileDir) throws IOException {
        return HostProfileWriter.write(m, profileDir);
    }

    /** The fastest and the median of {@value #RUNS} runs of {@code model} with {@code threads} intra-op threads. */
    private Runs time(byte[] model, int threads, Map<String, OnnxTensor> inputs) throws OrtException {
        try (OrtSession.SessionOptions options = new OrtSession.SessionOptions()) {
            options.setIntraOpNumThreads(threads);
            options.setInterOpNumThreads(1);
            try (OrtSession session = env.createSession(model, options)) {
                Map<String, OnnxTensor> feed = new HashMap<>(inputs);
                session.run(feed).close(); // warm-up: first runs allocate and pick kernels
                double[] times = new double[RUNS];
                for (int i = 0; i < RUNS; i++) {
                    long start = System.nanoTime();
                    session.run(feed).close();
                    times[i] = (System.nanoTime() - start) / 1e9;
                }
                Arrays.sort(times);
                return new Runs(times[0], times[RUNS / 2]);
            }
        }
    }

    private OnnxTensor tensor(int elements, long[] shape) throws OrtException {
        FloatBuffer buffer = ByteBuffer.allocateDirect(elements * 4).order(ByteOrder.nativeOrder()).asFloatBuffer();
        for (int i = 0; i < elements; i++) {
            buffer.put(i, (i % 17) * 0.01f);
        }
        return OnnxTensor.createTensor(env, buffer, shape);
    }

    /** The "model name" line of /proc/cpuinfo, or the OS architecture where there is none. */
    static String cpuModel() {
        return readLines(Path.of("/proc/cpuinfo")).stream()
                .filter(l -> l.startsWith("model name") || l.startsWith("Model") || l.startsWith("Hardware"))
                .map(l -> l.substring(l.indexOf(':') + 1).trim()).filter(s -> !s.isEmpty()).findFirst()
                .orElse(System.getProperty("os.arch") + " (" + System.getProperty("os.name") + ")");
    }

    /** A number from /proc/meminfo in bytes, for the RAM budget. */
    static Optional<Long> memInfoBytes(String key) {
        return readLines(Path.of("/proc/meminfo")).stream().filter(l -> l.startsWith(key + ":"))
                .map(l -> l.replaceAll("[^0-9]", "")).filter(s -> !s.isEmpty())
                .map(s -> Long.parseLong(s) * 1024).findFirst();
    }

    private static List<String> readLines(Path file) {
        try {
            return Files.readAllLines(file);
        } catch (IOException | RuntimeException e) {
            return List.of(); // not Linux, or not readable: callers fall back
        }
    }
}
