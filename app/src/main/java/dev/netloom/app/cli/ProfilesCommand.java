package dev.netloom.app.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.netloom.devices.DeviceCatalog;
import dev.netloom.devices.DeviceGroup;
import dev.netloom.devices.DeviceProfile;
import dev.netloom.devices.Figure;
import dev.netloom.export.host.HostCalibration;
import dev.netloom.export.host.HostMeasurement;
import dev.netloom.graph.Precision;
import dev.netloom.graph.Units;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;

/**
 * {@code netloom profiles}: the device catalog grouped as the studio's picker groups it;
 * {@code --json} for machines; {@code --calibrate} measures this computer in ONNX Runtime and
 * writes its profile to the user profile directory.
 */
@Command(name = "profiles", description = "List the devices a model can be estimated and exported for.",
        mixinStandardHelpOptions = true)
final class ProfilesCommand implements Callable<Integer> {

    @ParentCommand
    NetloomCommand netloom;

    @Option(names = "--json", description = "Print JSON instead of a table.")
    boolean json;

    @Option(names = "--calibrate", description = "Measure this computer in ONNX Runtime (about a second) and save it as the this-computer profile.")
    boolean calibrate;

    @Option(names = "--threads", paramLabel = "N", description = "Threads for --calibrate (default: all processors).")
    Integer threads;

    @Option(names = "--devices-dir", paramLabel = "DIR", description = "User profile directory (default: ~/.netloom/devices).")
    Path devicesDir;

    @Override
    public Integer call() throws Exception {
        Path dir = devicesDir != null ? devicesDir : netloom.services.devicesFolder();
        if (calibrate) {
            int n = threads != null ? threads : Runtime.getRuntime().availableProcessors();
            if (n < 1) {
                netloom.err.println("netloom: --threads must be at least 1, got " + n);
                return ExitCode.USAGE;
            }
            Path written;
            HostMeasurement measured;
            try {
                measured = new HostCalibration().measure(n);
                written = HostCalibration.write(measured, dir);
            } catch (java.io.IOException | ai.onnxruntime.OrtException e) {
                netloom.err.println("netloom: the calibration failed: " + e.getMessage());
                return ExitCode.FAILURE;
            }
            netloom.out.println("Calibrated this computer with " + n + (n == 1 ? " thread" : " threads") + "; wrote " + written);
            measured.busyWarning().ifPresent(netloom.err::println);
        }
        DeviceCatalog catalog = DeviceCatalogs.load(dir, netloom.services, netloom.err);
        if (calibrate) {
            catalog.find(DeviceCatalog.THIS_COMPUTER).ifPresent(this::printMeasured);
            return ExitCode.OK;
        }
        netloom.out.print(json ? json(catalog.all()) : table(catalog.all()));
        return ExitCode.OK;
    }

    private void printMeasured(DeviceProfile p) {
        netloom.out.println(p.name() + ": FP32 " + Units.plain(p.compute().peak(Precision.FP32).value()) + " GFLOP/s per thread"
                + p.compute().declaredPeak(Precision.INT8).map(f -> ", INT8 " + Units.plain(f.value()) + " GOP/s").orElse("")
                + ", memory " + Units.plain(p.memory().bandwidthGBps().value()) + " GB/s, "
                + Units.plain(p.preferredRuntime().perOperatorOverheadUs().value()) + " µs per operator, each extra thread adds "
                + Units.plain(p.compute().parallelEfficiency().value()) + " of a core");
    }

    private static String table(List<DeviceProfile> profiles) {
        TextTable table = new TextTable("GROUP", "ID", "NAME", "CORES / CLOCK", ">RAM BUDGET", ">STORAGE", ">POWER",
                "PRECISIONS", "RUNTIME", ">OPSET");
        DeviceGroup last = null;
        for (DeviceProfile p : profiles) {
            if (last != null && p.group() != last) {
                table.addRule();
            }
            table.add(p.group() == last ? "" : p.group().displayName(), p.id(), p.name(),
                    p.compute().cores() + " × " + Units.plain(p.compute().clockGHz().value()) + " GHz",
                    Units.bytes(p.modelRamBytes()), Units.bytes(p.modelStorageBytes()), power(p), precisions(p),
                    p.preferredRuntime().name(), Integer.toString(p.onnxOpset()));
            last = p.group();
        }
        return table.render() + "Estimate a model with: netloom estimate FILE.netloom --device ID\n";
    }

    /** "7.2 W", "6.27 W / 1 core" for a figure taken with fewer cores than modelled, "—" without one. */
    private static String power(DeviceProfile p) {
        return p.power().activeW().map(w -> Units.plain(w.value()) + " W" + (p.power().activeCores() > 0
                && p.power().activeCores() != p.compute().cores() ? " / " + p.power().activeCores()
                + (p.power().activeCores() == 1 ? " core" : " cores") : "")).orElse("—");
    }

    private static String precisions(DeviceProfile p) {
        return p.precisionsInOrder().stream().map(x -> x.name().toLowerCase(Locale.ROOT)).collect(Collectors.joining(","));
    }

    private static String json(List<DeviceProfile> profiles) throws JsonProcessingException {
        ObjectMapper mapper = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
        ArrayNode out = mapper.createArrayNode();
        for (DeviceProfile p : profiles) {
            ObjectNode o = out.addObject();
            o.put("id", p.id());
            o.put("name", p.name());
            o.put("group", p.group().id());
            o.put("groupName", p.group().displayName());
            o.put("calibrated", p.calibrated());
            o.put("compute", p.compute().description());
            o.put("cores", p.compute().cores());
            figure(o, "clockGHz", p.compute().clockGHz());
            ObjectNode peaks = o.putObject("peakPerCore");
            p.compute().peakPerCore().forEach((precision, f) -> figure(peaks, precision.name().toLowerCase(Locale.ROOT), f));
            figure(o, "bandwidthGBps", p.memory().bandwidthGBps());
            o.put("modelRamBytes", p.modelRamBytes());
            o.put("modelStorageBytes", p.modelStorageBytes());
            ObjectNode power = o.putObject("power");
            p.power().activeW().ifPresent(f -> figure(power, "activeW", f));
            if (p.power().activeCores() > 0) {
                power.put("activeCores", p.power().activeCores());
            }
            p.power().idleW().ifPresent(f -> figure(power, "idleW", f));
            power.put("scope", p.power().scope());
            ArrayNode precisions = o.putArray("precisions");
            p.precisionsInOrder().forEach(x -> precisions.add(x.name().toLowerCase(Locale.ROOT)));
            o.put("runtime", p.preferredRuntime().name());
            o.put("onnxOpset", p.onnxOpset());
            o.put("exampleFamily", p.exampleFamily().id());
            o.put("defaultThreads", p.defaultThreads());
            o.put("origin", p.origin());
        }
        return mapper.writeValueAsString(out) + "\n";
    }

    private static void figure(ObjectNode parent, String name, Figure f) {
        ObjectNode o = parent.putObject(name);
        o.put("value", f.value());
        o.put("provenance", f.provenance().id());
        o.put("source", f.source());
    }
}
