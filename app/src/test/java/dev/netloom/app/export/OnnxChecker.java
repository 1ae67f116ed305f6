package dev.netloom.app.export;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** The official ONNX checker, through Debian's python3-onnx (installed by .ci/run). */
final class OnnxChecker {

    private static final String PYTHON = "/usr/bin/python3";

    private OnnxChecker() {
    }

    static boolean available() {
        try {
            return run(List.of(PYTHON, "-c", "import onnx")).isEmpty();
        } catch (IOException e) {
            return false;
        }
    }

    /** Problems the checker found, one per file; empty when every file passes. */
    static List<String> check(List<String> files) throws IOException {
        List<String> command = new ArrayList<>(List.of(PYTHON, "-c", String.join("\n",
                "import sys, onnx",
                "for f in sys.argv[1:]:",
                "    try:",
                "        onnx.checker.check_model(onnx.load(f), full_check=True)",
                "    except Exception as e:",
                "        print(f + ': ' + str(e).splitlines()[0])")));
        command.addAll(files);
        return run(command);
    }

    private static List<String> run(List<String> command) throws IOException {
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        try {
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!p.waitFor(120, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                throw new IOException("the ONNX checker did not finish");
            }
            List<String> lines = out.lines().filter(l -> !l.isBlank()).toList();
            return p.exitValue() == 0 ? lines : List.of("exit " + p.exitValue() + ": " + out);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException(e);
        }
    }
}
