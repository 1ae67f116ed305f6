package dev.netloom.devices;

import dev.netloom.graph.Precision;

import java.util.EnumSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * A device a model can be exported to, as read from one profile file: what it computes with,
 * what memory and storage a model may use, which runtimes it has and which precisions it takes.
 * Every number is a {@link Figure} that says where it comes from.
 *
 * <p>Profiles are data: the studio ships one JSON file per device (see {@link DeviceCatalog})
 * and users add their own in the same format.
 *
 * @param id stable identifier, used on the command line and in bundle manifests
 * @param name the name people know it by
 * @param group how the picker groups it
 * @param summary one sentence on what the estimate models for this device
 * @param calibrated false only for "this computer" before it was measured: the figures are then
 *     placeholders
 * @param compute the processor the estimate models
 * @param memory bandwidth and the RAM / storage budget of a model
 * @param power what the device draws while it computes, for the energy of a prediction
 * @param accelerators NPUs, GPUs, DSPs, with the precisions they accept
 * @param runtimes the runtimes, preferred first
 * @param precisions the weight precisions a bundle for this device may use
 * @param exampleFamily the runnable example a bundle carries
 * @param defaultThreads the threads an app would normally give the model
 * @param calibration published latencies this profile is fitted to or checked against
 * @param origin where the profile was read from ({@code built-in} or a file path)
 */
public record DeviceProfile(String id, String name, DeviceGroup group, String summary, boolean calibrated,
                            ComputeUnit compute, MemoryBudget memory, PowerDraw power, List<Accelerator> accelerators,
                            List<RuntimeSupport> runtimes, Set<Precision> precisions, ExampleFamily exampleFamily,
                            int defaultThreads, List<CalibrationPoint> calibration, String origin) {

    public DeviceProfile {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(group, "group");
        Objects.requireNonNull(power, "power");
        accelerators = List.copyOf(accelerators);
        runtimes = List.copyOf(runtimes);
        precisions = Set.copyOf(precisions.isEmpty() ? Set.of() : EnumSet.copyOf(precisions));
        calibration = List.copyOf(calibration);
        if (runtimes.isEmpty()) {
            throw new IllegalArgumentException("a profile needs at least one runtime");
        }
    }

    /** The runtime a bundle targets first. */
    public RuntimeSupport preferredRuntime() {
        return runtimes.get(0);
    }

    /** The ONNX opset the preferred runtime needs. */
    public int onnxOpset() {
        return preferredRuntime().onnxOpset();
    }

    /** RAM a model may use, in bytes. */
    public long modelRamBytes() {
        return (long) memory.modelRamBytes().value();
    }

    /** Storage a model may use, in bytes. */
    public long modelStorageBytes() {
        return (long) memory.modelStorageBytes().value();
    }

    /** The precisions in the enum's order (FP32 first), for display. */
    public List<Precision> precisionsInOrder() {
        return precisions.stream().sorted().toList();
    }

    /** This profile with another compute unit and default thread count (a fit, or this machine's real cores). */
    public DeviceProfile withCompute(ComputeUnit compute, int defaultThreads) {
        return new DeviceProfile(id, name, group, summary, calibrated, compute, memory, power, accelerators, runtimes, precisions,
                exampleFamily, defaultThreads, calibration, origin);
    }
}
