package dev.netloom.app.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.netloom.devices.DeviceCatalog;
import dev.netloom.devices.DeviceEstimate;
import dev.netloom.devices.DeviceProfile;
import dev.netloom.devices.Estimator;
import dev.netloom.devices.LayerEstimate;
import dev.netloom.devices.PrecisionPlan;
import dev.netloom.graph.Precision;
import dev.netloom.graph.Units;
import dev.netloom.graph.analysis.GraphAnalysis;
import dev.netloom.graph.project.Project;
import dev.netloom.app.export.MeasuredLatency;
import dev.netloom.export.verify.LatencyMeter;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

import java.nio.file.Path;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.Callable;

/**
 * {@code netloom estimate FILE --device ID}: per-layer latency on a device (roofline: compute,
 * memory, overhead), then totals: latency, energy per example (the device's power draw × latency),
 * peak RAM and storage against the device's budgets, the
 * bottleneck, and FITS / DOES NOT FIT with reasons. The device and precision default to the
 * project's {@code export} section. Exit 0 when estimated (fit or not), 1 for an invalid model,
 * 2 for an unknown device or precision.
 */
@Command(name = "estimate", description = "Estimate a model's latency, energy, memory and storage on a device.",
        mixinStandardHelpOptions = true)
final class EstimateCommand implements Callable<Integer> {

    @ParentCommand
    NetloomCommand netloom;

    @Parameters(index = "0", paramLabel = "FILE", description = "A project file (.netloom).")
    Path file;

    @Option(names = {"-d", "--device"}, paramLabel = "ID", description = "A device id from 'netloom profiles' (default: the project's export device).")
    String device;

    @Option(names = {"-p", "--precision"}, paramLabel = "P", description = "Weight precision: fp32, fp16, int8, int4, int2 or int1 (default: the project's, else fp32).")
    String precision;

    @Option(names = {"-t", "--threads"}, paramLabel = "N", description = "Threads (default: the device's usual number).")
    int threads;

    @Option(names = "--json", description = "Print JSON instead of a table.")
    boolean json;

    @Option(names = "--measure", description = "Also run the model (fresh weights) in ONNX Runtime on this computer "
            + "and print the measured latency next to the estimate (meaningful with --device this-computer).")
    boolean measure;

    @Option(names = "--devices-dir", paramLabel = "DIR", description = "User profile directory (default: ~/.netloom/devices).")
    Path devicesDir;

    @Override
    public Integer call() throws JsonProcessingException {
        Project project = netloom.load(file).orElse(null);
        if (project == null) {
            return ExitCode.INVALID;
        }
        DeviceCatalog catalog = DeviceCatalogs.load(devicesDir, netloom.services, netloom.err);
        String id = device != null ? device : exportSetting(project, "device").orElse(null);
        if (id == null) {
            netloom.err.println("netloom: no device given: use --device ID (see 'netloom profiles')");
            return ExitCode.USAGE;
        }
        DeviceProfile profile = DeviceCatalogs.find(catalog, id, "", netloom.err).orElse(null);
        if (profile == null) {
            return ExitCode.USAGE;
        }
        String p = precision != null ? precision : exportSetting(project, "precision").orElse("fp32");
        Precision chosen = Precision.parse(p).orElse(null);
        if (chosen == null) {
            netloom.err.println("netloom: unknown precision '" + p + "'; use one of " + Precision.words());
            return ExitCode.USAGE;
        }
        if (threads < 0) {
            netloom.err.println("netloom: --threads must be at least 1, got " + threads);
            return ExitCode.USAGE;
        }
        GraphAnalysis analysis = netloom.services.analyzer().analyze(project.graph());
        analysis.problems().forEach(pr -> netloom.err.println(file + ": " + pr));
        DeviceEstimate estimate = new Estimator().estimate(analysis, profile, PrecisionPlan.uniform(chosen), threads);
        if (measure && analysis.isValid()) {
            int t = threads > 0 ? threads : profile.defaultThreads();
            LatencyMeter.Latency measured = MeasuredLatency.of(project, analysis, PrecisionPlan.uniform(chosen), t, 3000);
            if (json) {
                ObjectNode root = (ObjectNode)
                        new ObjectMapper().readTree(json(profile, chosen, estimate));
                root.put("measuredMs", measured.medianMs());
                root.put("measuredRuns", measured.runs());
                netloom.out.println(new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValueAsString(root));
            } else {
                netloom.out.print(text(project, profile, chosen, estimate));
                netloom.out.printf(Locale.ROOT, "Measured on this computer: %.3f ms per example in ONNX Runtime at %d "
                        + "threads (median of %d runs); the estimate is %+.0f%% off%n", measured.medianMs(), t,
                        measured.runs(), (estimate.latencyMs() / measured.medianMs() - 1) * 100);
            }
            return ExitCode.OK;
        }
        netloom.out.print(json ? json(profile, chosen, estimate) : text(project, profile, chosen, estimate));
        return analysis.isValid() ? ExitCode.OK : ExitCode.INVALID;
    }

    private static Optional<String> exportSetting(Project project, String key) {
        JsonNode export = project.sections().get("export");
        return export != null && export.path(key).isTextual() ? Optional.of(export.path(key).textValue()) : Optional.empty();
    }

    private static String text(Project project, DeviceProfile device, Precision precision, DeviceEstimate e) {
        TextTable table = new TextTable("LAYER", "TYPE", "PRECISION", ">COMPUTE MS", ">MEMORY MS", ">OVERHEAD MS",
                ">LATENCY MS", "BOUND");
        long fused = 0;
        long free = 0;
        for (LayerEstimate l : e.layers()) {
            if (l.bound().equals("fused") || l.bound().equals("free")) {
                fused += l.bound().equals("fused") ? 1 : 0;
                free += l.bound().equals("free") ? 1 : 0;
                continue;
            }
            table.add(l.nodeId(), l.type(), l.precision().displayName(), ms(l.computeMs()), ms(l.memoryMs()),
                    ms(l.overheadMs()), ms(l.latencyMs()), l.bound());
        }
        table.addRule();
        table.add("total", "", "", ms(e.layers().stream().mapToDouble(LayerEstimate::computeMs).sum()),
                ms(e.layers().stream().mapToDouble(LayerEstimate::memoryMs).sum()),
                ms(e.layers().stream().mapToDouble(LayerEstimate::overheadMs).sum()), ms(e.latencyMs()), "");
        StringBuilder out = new StringBuilder();
        out.append(project.name().isEmpty() ? "" : project.name() + " ").append("on ").append(device.name())
                .append(", ").append(precision.displayName()).append(", ").append(e.threads())
                .append(e.threads() == 1 ? " thread" : " threads").append('\n');
        out.append(table.render());
        if (fused + free > 0) {
            out.append(fused).append(" layers fused into the layer before them and ").append(free)
                    .append(" free at inference (inputs, dropout, reshape) are not listed.\n");
        }
        LayerEstimate slowest = e.layers().stream().filter(l -> l.nodeId().equals(e.bottleneckNodeId())).findFirst().orElse(null);
        out.append('\n');
        out.append("Latency:     ").append(ms(e.latencyMs())).append(" ms per example\n");
        out.append("Energy:      ").append(e.energy().map(en -> mj(en.millijoules()) + " mJ per example ("
                + en.provenance().id() + ": " + en.basis() + ")").orElse("not estimated (" + device.power().scope() + ")"))
                .append('\n');
        out.append("Peak RAM:    ").append(Units.bytes(e.peakMemoryBytes())).append(" of a ")
                .append(Units.bytes(device.modelRamBytes())).append(" budget").append(e.fitsRam() ? "" : "  (too much)").append('\n');
        out.append("Storage:     ").append(Units.bytes(e.storageBytes())).append(" of a ")
                .append(Units.bytes(device.modelStorageBytes())).append(" budget").append(e.fitsStorage() ? "" : "  (too much)").append('\n');
        if (slowest != null) {
            out.append("Bottleneck:  ").append(slowest.nodeId()).append(" (").append(slowest.type()).append(", ")
                    .append(slowest.bound()).append("-bound, ").append(ms(slowest.latencyMs())).append(" ms)\n");
        }
        out.append("Verdict:     ").append(e.fits() ? "FITS" : "DOES NOT FIT").append('\n');
        for (String reason : e.reasons()) {
            out.append("  - ").append(reason).append('\n');
        }
        out.append("Estimated with a roofline model (device-profiles/README.md); figures and their sources: netloom profiles --json\n");
        return out.toString();
    }

    /** Millijoules to three significant figures: a microcontroller's 0.0123 mJ and a laptop's 12.3 mJ alike. */
    static String mj(double v) {
        return new java.math.BigDecimal(v).round(new java.math.MathContext(3)).stripTrailingZeros().toPlainString();
    }

    private static String ms(double v) {
        return String.format(Locale.ROOT, "%.3f", v);
    }

    private String json(DeviceProfile device, Precision precision, DeviceEstimate e) throws JsonProcessingException {
        ObjectMapper mapper = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
        ObjectNode root = mapper.createObjectNode();
        root.put("file", file.toString());
        root.put("device", device.id());
        root.put("precision", precision.name().toLowerCase(Locale.ROOT));
        root.put("threads", e.threads());
        root.put("latencyMs", e.latencyMs());
        if (e.energy().isPresent()) {
            root.put("energyMj", e.energy().get().millijoules());
            root.put("powerW", e.energy().get().watts());
            root.put("energyProvenance", e.energy().get().provenance().id());
            root.put("energyBasis", e.energy().get().basis());
        } else {
            root.putNull("energyMj");
            root.put("energyBasis", "not estimated: " + device.power().scope());
        }
        root.put("peakMemoryBytes", e.peakMemoryBytes());
        root.put("modelRamBytes", device.modelRamBytes());
        root.put("storageBytes", e.storageBytes());
        root.put("modelStorageBytes", device.modelStorageBytes());
        root.put("bottleneck", e.bottleneckNodeId());
        root.put("fitsRam", e.fitsRam());
        root.put("fitsStorage", e.fitsStorage());
        root.put("fits", e.fits());
        ArrayNode reasons = root.putArray("reasons");
        e.reasons().forEach(reasons::add);
        ArrayNode layers = root.putArray("layers");
        for (LayerEstimate l : e.layers()) {
            ObjectNode o = layers.addObject();
            o.put("id", l.nodeId());
            o.put("type", l.type());
            o.put("precision", l.precision().name().toLowerCase(Locale.ROOT));
            o.put("computeMs", l.computeMs());
            o.put("memoryMs", l.memoryMs());
            o.put("overheadMs", l.overheadMs());
            o.put("latencyMs", l.latencyMs());
            o.put("bound", l.bound());
        }
        return mapper.writeValueAsString(root) + "\n";
    }
}
