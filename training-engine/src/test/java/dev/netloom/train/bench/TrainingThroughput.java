package dev.netloom.train.bench;

import dev.netloom.graph.Graph;
import dev.netloom.graph.analysis.GraphAnalysis;
import dev.netloom.graph.analysis.GraphAnalyzer;
import dev.netloom.graph.catalog.LayerCatalog;
import dev.netloom.graph.project.ProjectFile;
import dev.netloom.graph.project.Templates;
import dev.netloom.train.StepProfile;
import dev.netloom.train.TrainingListener;
import dev.netloom.train.TrainingRun;
import dev.netloom.train.TrainingSettings;
import dev.netloom.train.data.DataRequest;
import dev.netloom.train.data.Dataset;
import dev.netloom.train.data.Examples;
import dev.netloom.train.data.idx.IdxPair;
import dev.netloom.train.data.idx.IdxReader;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.IntStream;

/**
 * The Netloom side of bench/training-throughput.sh: trains the MLP 784-256-128-10 or the
 * small-cnn template on Fashion-MNIST with Adam, batch 64, through the real training loop
 * ({@link TrainingRun}: batching, forward, backward, optimiser step), and prints one JSON line
 * with the median steps per second over the timed epochs (the first epoch is warm-up; validation
 * time is excluded), per CPU-second of the training thread and of the whole process, the time per
 * step by phase ({@link StepProfile}) and resident memory per phase (JVM start, engine loaded,
 * data read, peak while loading, after the first step, after the timed epochs, peak). {@code -Dnetloom.train.off=...} switches speed-ups off for a before/after.
 *
 * <pre>TrainingThroughput --model mlp|cnn --threads N --batch 64 --steps 200 --repeats 5 --data DIR</pre>
 */
public final class TrainingThroughput {

    private TrainingThroughput() {
    }

    public static void main(String[] args) throws Exception {
        String model = arg(args, "--model", "mlp");
        int threads = Integer.parseInt(arg(args, "--threads", "1"));
        int batch = Integer.parseInt(arg(args, "--batch", "64"));
        int steps = Integer.parseInt(arg(args, "--steps", "200"));
        int repeats = Integer.parseInt(arg(args, "--repeats", "5"));
        Path data = Path.of(arg(args, "--data", "/usr/share/datasets/fashion-mnist"));

        double rssStart = rssMiB("VmRSS:");
        ai.djl.engine.Engine.getInstance(); // libtorch loaded: what the engine costs before any data
        double rssEngine = rssMiB("VmRSS:");
        LayerCatalog catalog = LayerCatalog.standard();
        Graph graph = model.equals("cnn")
                ? new Templates(new ProjectFile(catalog)).find("small-cnn").orElseThrow().project().graph()
                : new ProjectFile(catalog).parse(Files.readString(Path.of("bench/mlp-784-256-128-10.netloom")), "mlp").graph();
        GraphAnalysis analysis = new GraphAnalyzer(catalog).analyze(graph);

        IdxReader reader = new IdxReader("Fashion-MNIST",
                new IdxPair(data.resolve("train-images-idx3-ubyte.gz"), data.resolve("train-labels-idx1-ubyte.gz")),
                null, IdxReader.FASHION_CLASSES, 0.05, 0.05);
        Dataset dataset = reader.read(new DataRequest(1, 28, 28, 0, 0, 0, 42));
        Examples train = dataset.train().select(IntStream.range(0, batch * steps).toArray());
        Examples validation = dataset.validation().select(IntStream.range(0, batch).toArray());
        dataset = null; // only the selected rows stay reachable
        System.gc();
        double rssData = rssMiB("VmRSS:");
        double peakLoading = rssMiB("VmHWM:");

        TrainingSettings settings = new TrainingSettings("adam", 1e-3, 0.9, "constant", 0, 30, batch, repeats + 1, 0, 0,
                0, 0, 42, threads, dev.netloom.train.data.Augmentation.NONE);
        List<Double> rates = new ArrayList<>();
        List<Double> cpuRates = new ArrayList<>();
        List<Double> processCpuRates = new ArrayList<>();
        long[] epochStart = new long[3];
        double[] rssFirstStep = {Double.NaN};
        com.sun.management.OperatingSystemMXBean os = (com.sun.management.OperatingSystemMXBean)
                java.lang.management.ManagementFactory.getOperatingSystemMXBean();
        // One engine thread computes on the training thread: its CPU clock times the phases truly on a
        // busy machine. With more, the wall clock is the only honest one.
        StepProfile profile = threads == 1 ? StepProfile.onThreadCpuClock() : new StepProfile();
        java.lang.management.ThreadMXBean cpu = java.lang.management.ManagementFactory.getThreadMXBean();
        try (TrainingRun.Result result = new TrainingRun(analysis, train, validation, List.of("image"), settings)
                .profile(profile)
                .listener(new TrainingListener() {
                    @Override
                    public void onStep(StepReport s) {
                        int inEpoch = (s.step() - 1) % steps;
                        if (s.step() == 1) {
                            rssFirstStep[0] = rssNow(); // the model, its gradients and the optimiser's moments exist
                        }
                        // Listeners run on the training thread, and with one engine thread PyTorch
                        // computes on it too: its CPU time is the work done, whatever else the
                        // shared machine is doing. With two threads only wall time is comparable.
                        if (inEpoch == 0) {
                            if (s.epoch() == 2) {
                                profile.reset(); // the first epoch warms up: allocator, kernels, JIT
                            }
                            epochStart[0] = System.nanoTime();
                            epochStart[1] = cpu.getCurrentThreadCpuTime();
                            epochStart[2] = os.getProcessCpuTime();
                        } else if (inEpoch == steps - 1 && s.epoch() > 1) {
                            rates.add((steps - 1) / ((System.nanoTime() - epochStart[0]) / 1e9));
                            cpuRates.add((steps - 1) / ((cpu.getCurrentThreadCpuTime() - epochStart[1]) / 1e9));
                            // every thread of the process: engine workers, and the JVM's compiler and GC
                            processCpuRates.add((steps - 1) / ((os.getProcessCpuTime() - epochStart[2]) / 1e9));
                        }
                    }
                }).run()) {
            double rssSteady = rssMiB("VmRSS:"); // after every timed epoch
            double median = rates.stream().sorted().toList().get(rates.size() / 2);
            double cpuMedian = cpuRates.stream().sorted().toList().get(cpuRates.size() / 2);
            double processCpuMedian = processCpuRates.stream().sorted().toList().get(processCpuRates.size() / 2);
            System.out.printf(Locale.ROOT, "{\"peer\": \"Netloom (DJL %s, PyTorch %s)\", \"model\": \"%s\", \"threads\": %d, "
                            + "\"batch\": %d, \"stepsPerSecond\": %.3f, \"stepsPerCpuSecond\": %.3f, \"stepsPerProcessCpuSecond\": %.3f, \"all\": %s, "
                            + "\"rssStartMiB\": %.1f, \"rssEngineMiB\": %.1f, \"rssAfterDataMiB\": %.1f, \"peakLoadingMiB\": %.1f, \"rssFirstStepMiB\": %.1f, \"rssSteadyMiB\": %.1f, \"peakRssMiB\": %.1f, \"phases\": %s, \"arraysPerStep\": %.1f}%n",
                    ai.djl.engine.Engine.getDjlVersion(), ai.djl.engine.Engine.getInstance().getVersion(), model,
                    threads, batch, median, cpuMedian, processCpuMedian, rates, rssStart, rssEngine, rssData, peakLoading, rssFirstStep[0], rssSteady, rssMiB("VmHWM:"), phases(profile),
                    profile.arraysPerStep());
        }
    }

    /** Milliseconds per step by phase, as a JSON object. */
    private static String phases(StepProfile profile) {
        StringBuilder json = new StringBuilder("{");
        profile.breakdown().forEach((phase, ms) -> json.append(json.length() > 1 ? ", " : "")
                .append(String.format(Locale.ROOT, "\"%s\": %.4f", phase.name().toLowerCase(Locale.ROOT), ms)));
        return json.append('}').toString();
    }

    /** A memory figure of this process from /proc/self/status (VmRSS: now, VmHWM: peak), in MiB. */
    private static double rssMiB(String key) throws java.io.IOException {
        for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
            if (line.startsWith(key)) {
                return Long.parseLong(line.replaceAll("[^0-9]", "")) / 1024.0;
            }
        }
        return Double.NaN;
    }

    /** Resident memory now, in MiB, or NaN when /proc cannot be read (inside a listener, which may not throw). */
    private static double rssNow() {
        try {
            return rssMiB("VmRSS:");
        } catch (java.io.IOException e) {
            return Double.NaN;
        }
    }

    private static String arg(String[] args, String name, String fallback) {
        for (int i = 0; i < args.length - 1; i++) {
            if (args[i].equals(name)) {
                return args[i + 1];
            }
        }
        return fallback;
    }
}
