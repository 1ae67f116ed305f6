package dev.netloom.train;

import com.sun.jna.Function;
import com.sun.jna.NativeLibrary;
import com.sun.jna.Pointer;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * libtorch's global switches DJL does not bind, reached through their C++ symbols (for the
 * {@link GradientRepeat} harness): {@code mkldnnOff} (torch.backends.mkldnn.enabled = False),
 * {@code mkldnnDeterministic}, {@code deterministic} (torch.use_deterministic_algorithms(True)),
 * {@code flushDenormal}, {@code noJitOptimize} (the TorchScript executor's optimisation off).
 */
final class EngineDeterminismProbe {

    private EngineDeterminismProbe() {
    }

    static void apply(String switches) throws IOException {
        if (switches.isBlank()) {
            return;
        }
        NativeLibrary torch = NativeLibrary.getInstance(loaded("libtorch_cpu.so"));
        Pointer context = torch.getFunction("_ZN2at13globalContextEv").invokePointer(new Object[0]);
        for (String s : switches.split(",")) {
            switch (s.trim()) {
                case "mkldnnOff" -> call(torch, "_ZN2at7Context20setUserEnabledMkldnnEb", context, false);
                case "mkldnnDeterministic" -> call(torch, "_ZN2at7Context22setDeterministicMkldnnEb", context, true);
                case "deterministic" -> torch.getFunction("_ZN2at7Context26setDeterministicAlgorithmsEbb")
                        .invokeVoid(new Object[] {context, true, false});
                case "flushDenormal" -> call(torch, "_ZN2at7Context16setFlushDenormalEb", context, true);
                case "noJitOptimize" -> ai.djl.pytorch.jni.JniUtils.setGraphExecutorOptimize(false);
                default -> throw new IllegalArgumentException("unknown switch " + s);
            }
        }
    }

    private static void call(NativeLibrary lib, String symbol, Pointer context, boolean value) {
        Function f = lib.getFunction(symbol);
        f.invokeVoid(new Object[] {context, value});
    }

    /** The path of a shared library this process has loaded. */
    static String loaded(String name) throws IOException {
        return Files.readAllLines(Path.of("/proc/self/maps")).stream()
                .filter(l -> l.endsWith("/" + name)).map(l -> l.substring(l.indexOf('/'))).findFirst()
                .orElseThrow(() -> new IOException(name + " is not loaded"));
    }
}
