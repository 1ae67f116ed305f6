package dev.netloom.export.host;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.netloom.devices.DeviceCatalog;
import dev.netloom.devices.ProfileFormatException;

import dev.netloom.graph.files.AtomicWrite;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

/**
 * Writes a {@link HostMeasurement} as the "this-computer" profile, in the same format as the
 * shipped profiles, atomically (a temp file in the same directory, then a rename), so a reader
 * never sees half a file.
 */
final class HostProfileWriter {

    private static final ObjectMapper MAPPER = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private HostProfileWriter() {
    }

    static Path write(HostMeasurement m, Path dir) throws IOException {
        String json = json(m);
        try {
            DeviceCatalog.parse(json, DeviceCatalog.THIS_COMPUTER + ".json"); // never write what the catalog cannot read
        } catch (ProfileFormatException e) {
            throw new IllegalStateException("the calibration produced an unreadable profile: " + e.getMessage(), e);
        }
        Path target = dir.resolve(DeviceCatalog.THIS_COMPUTER + ".json");
        AtomicWrite.write(target, AtomicWrite.Access.OWNER_ONLY, json.getBytes(StandardCharsets.UTF_8));
        return target;
    }

    static String json(HostMeasurement m) throws IOException {
        String on = "measured on " + m.date() + ", " + m.cpu() + ", ONNX Runtime " + m.runtimeVersion();
        ObjectNode root = MAPPER.createObjectNode();
        root.put("formatVersion", 1);
        root.put("id", DeviceCatalog.THIS_COMPUTER);
        root.put("name", "This computer (" + m.cpu() + ")");
        root.put("group", "this-computer");
        root.put("summary", "ONNX Runtime on this machine's CPU, " + on + "." + m.busyWarning()
                .map(w -> " The computer looked busy while it was measured: the figures are the fastest runs.").orElse(""));
        root.put("calibrated", true);
        ObjectNode compute = root.putObject("compute");
        compute.put("description", m.cores() + " logical CPUs: " + m.cpu());
        compute.put("cores", m.cores());
        compute.set("clockGHz", figure(clockGHz(), "derived",
                "the kernel's current clock reading in /proc/cpuinfo at calibration time (1 when unknown); not used by the estimate"));
        ObjectNode peaks = compute.putObject("peakPerCore");
        peaks.set("fp32", figure(m.fp32GflopsOneThread(), "measured",
                on + ": fastest of " + HostCalibration.SCALING_ROUNDS * HostCalibration.RUNS + " runs of a 512×512 FP32 MatMul, 1 thread"));
        if (m.int8GopsOneThread() > 0) {
            peaks.set("int8", figure(m.int8GopsOneThread(), "measured",
                    on + ": fastest of " + HostCalibration.RUNS + " runs of DynamicQuantizeLinear + MatMulInteger 512×512, 1 thread"));
        }
        if (m.fp32MatVecGflops() > 0) {
            ObjectNode matVec = compute.putObject("matrixVectorPerCore");
            matVec.set("fp32", figure(m.fp32MatVecGflops(), "measured", on + ": fastest of " + HostCalibration.RUNS
                    + " runs of a 1×1024 by 1024×1024 FP32 MatMul on an initializer, 1 thread"));
            if (m.int8MatVecGops() > 0) {
                matVec.set("int8", figure(m.int8MatVecGops(), "measured", on + ": fastest of " + HostCalibration.RUNS
                        + " runs of the exporter's dynamic INT8 linear layer (DynamicQuantizeLinear, MatMulInteger, Cast, 2 Mul),"
                        + " 1×1024 by 1024×1024, 1 thread"));
            }
        }
        compute.set("efficiency", figure(1.0, "derived",
                "1: the peaks above are sustained MatMul throughput measured in ONNX Runtime itself"));
        compute.set("parallelEfficiency", figure(m.parallelEfficiency(), "measured",
                on + ": the MatMul's speed-up from 1 to " + m.scalingThreads() + " threads (fastest of "
                        + HostCalibration.SCALING_ROUNDS + " interleaved rounds each), minus 1, over "
                        + (m.scalingThreads() - 1) + " extra threads (1 on a one-core computer)"));
        ObjectNode memory = root.putObject("memory");
        memory.set("bandwidthGBps", figure(m.bandwidthGBps(), "measured",
                on + ": fastest of " + HostCalibration.RUNS + " runs of an element-wise Add of 4M FP32 values (12 bytes per element), "
                        + m.threads() + (m.threads() == 1 ? " thread" : " threads")));
        if (m.lastLevelCacheBytes() > 0) {
            memory.set("cacheBytes", figure(m.lastLevelCacheBytes(), "measured",
                    "the largest cache in /sys/devices/system/cpu/cpu0/cache at calibration time"));
        }
        long ram = HostCalibration.memInfoBytes("MemTotal").orElse(Runtime.getRuntime().maxMemory() * 2);
        memory.set("modelRamBytes", figure(Math.floor(ram / 4.0), "derived",
                "a quarter of MemTotal in /proc/meminfo (" + ram / (1024 * 1024) + " MiB), leaving the rest for the OS, the studio and training"));
        memory.set("modelStorageBytes", figure(10.0 * 1024 * 1024 * 1024, "derived", "budget: 10 GiB, an assumption for a laptop or desktop disk"));
        memory.set("runtimeArenaBytes", figure(64.0 * 1024 * 1024, "derived", "ONNX Runtime's library and arenas; an assumption"));
        // A calibration times ONNX Runtime; nothing here reads a power meter, so the profile says so.
        root.putObject("power").put("scope", "this computer's power draw is not measured: the calibration times ONNX Runtime "
                + "but has no power meter; add a \"power\" section with your own figure to this file");
        root.putArray("accelerators");
        ObjectNode runtime = root.putArray("runtimes").addObject();
        runtime.put("name", "ONNX Runtime");
        runtime.put("onnxOpset", 21);
        runtime.put("opsetReason", "ONNX Runtime " + m.runtimeVersion() + " runs IR 10 / opset 21 models (docs/recipes.md)");
        runtime.put("runsOnnxDirectly", true);
        runtime.put("foldsSubByteWeights", true);
        runtime.set("perOperatorOverheadUs", figure(m.perOperatorUs(), "measured",
                on + ": fastest of " + HostCalibration.RUNS + " runs of a chain of 200 Sigmoids on 16 values, divided by 200"));
        if (m.perPredictionUs() > 0) {
            runtime.set("perPredictionOverheadUs", figure(m.perPredictionUs(), "measured", on + ": median of "
                    + PredictionCost.RUNS + " predictions of a one-Sigmoid model through the studio's ONNX Runtime session"
                    + " (Java arrays in, arrays out), minus one operator"));
        }
        runtime.put("note", "the bundle's model.onnx runs as it is");
        ArrayNode precisions = root.putArray("precisions");
        for (String p : new String[] {"fp32", "fp16", "int8", "int4", "int2", "int1"}) {
            precisions.add(p);
        }
        root.put("exampleFamily", "python-linux");
        root.put("defaultThreads", m.threads());
        root.putArray("calibration");
        return MAPPER.writeValueAsString(root) + "\n";
    }

    private static double clockGHz() {
        try {
            return Files.readAllLines(Path.of("/proc/cpuinfo")).stream().filter(l -> l.startsWith("cpu MHz"))
                    .map(l -> Double.parseDouble(l.substring(l.indexOf(':') + 1).trim()) / 1000)
                    .filter(v -> v > 0).findFirst().orElse(1.0);
        } catch (IOException | RuntimeException e) {
            return 1.0;
        }
    }

    private static ObjectNode figure(double value, String provenance, String source) {
        ObjectNode f = MAPPER.createObjectNode();
        // Round to 4 significant digits: more would claim a precision the timings do not have.
        f.put("value", Double.parseDouble(String.format(Locale.ROOT, "%.4g", value)));
        f.put("provenance", provenance);
        f.put("source", source);
        return f;
    }
}
