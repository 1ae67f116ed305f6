package dev.netloom.devices;

import dev.netloom.graph.Precision;
import dev.netloom.graph.Units;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/** The plain-language sentences that go with an estimate: why it does not fit, and its caveats. */
final class EstimateReasons {

    private EstimateReasons() {
    }

    static List<String> explain(DeviceProfile device, Set<Precision> used, Set<Precision> unsupported, long peak,
                                long storage, boolean fitsRam, boolean fitsStorage) {
        List<String> reasons = new ArrayList<>();
        if (!fitsRam) {
            reasons.add("Needs " + Units.bytes(peak) + " of RAM while running, but a model on " + device.name()
                    + " should use at most " + Units.bytes(device.modelRamBytes()) + ".");
        }
        if (!fitsStorage) {
            reasons.add("The model file takes " + Units.bytes(storage) + ", but " + device.name() + " has room for "
                    + Units.bytes(device.modelStorageBytes()) + ".");
        }
        if (!unsupported.isEmpty()) {
            reasons.add(device.name() + " does not take " + names(unsupported) + " weights; it takes "
                    + names(device.precisions()) + ".");
        }
        RuntimeSupport runtime = device.preferredRuntime();
        if (runtime.foldsSubByteWeights() && used.stream().anyMatch(p -> p.bits() < 4)) {
            reasons.add(runtime.name() + " widens 2-bit and 1-bit weights to FP32 when it loads the model: "
                    + "the file is small, the RAM is FP32-sized.");
        }
        List<Precision> widened = used.stream().filter(p -> device.compute().computePrecision(p) != p).toList();
        if (!widened.isEmpty()) {
            reasons.add(names(Set.copyOf(widened)) + " layers compute at FP32 on " + device.compute().description()
                    + " (no faster arithmetic for them there).");
        }
        if (!runtime.runsOnnxDirectly()) {
            reasons.add("The bundle is ONNX; " + runtime.name() + " needs it converted first. " + runtime.note());
        }
        if (!device.power().known()) {
            reasons.add("No energy estimate: " + device.power().scope() + ".");
        }
        if (!device.calibrated()) {
            reasons.add("This computer is not calibrated yet: the figures are placeholders. "
                    + "Run 'netloom profiles --calibrate'.");
        }
        return reasons;
    }

    private static String names(Set<Precision> precisions) {
        return precisions.stream().sorted().map(Precision::displayName).collect(Collectors.joining(", "));
    }
}
