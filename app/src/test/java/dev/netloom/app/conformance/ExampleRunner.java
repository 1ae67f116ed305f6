package dev.netloom.app.conformance;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * Runs a bundle's own examples, unchanged, on held-out data: the Node.js example with one of the
 * pinned onnxruntime-node versions, and the web page in headless Chromium (conformance/page-driver.mjs).
 * The runtimes come from {@code conformance/node_modules} (installed by {@code npm ci --ignore-scripts}).
 */
final class ExampleRunner {

    /** The repository's conformance folder (package.json, the page driver, node_modules). */
    static final Path CONFORMANCE = Path.of("..", "conformance").toAbsolutePath().normalize();

    /** One example's answer as an example prints it. */
    record Line(String id, String label, String top, double[] outputs, String error) {
    }

    /**
     * One run of one example program over the held-out data.
     *
     * @param runtime  e.g. {@code onnxruntime-node}
     * @param version  the runtime's version as it reports itself
     * @param lines    one per example, in the data's order
     */
    record Run(String runtime, String version, List<Line> lines) {
    }

    private ExampleRunner() {
    }

    /** What is missing for the runs, or null when node, the npm packages and Chromium are all there. */
    static String missing() {
        if (!works("node", "--version")) {
            return "node is not installed (Debian package nodejs)";
        }
        for (String p : List.of("ort-node-newest", "ort-node-oldest", "onnxruntime-web", "playwright-core")) {
            if (!Files.isDirectory(CONFORMANCE.resolve("node_modules").resolve(p))) {
                return "conformance/node_modules/" + p + " is missing (run npm ci --ignore-scripts in conformance/)";
            }
        }
        if (!Files.isExecutable(Path.of("/usr/bin/chromium"))) {
            return "/usr/bin/chromium is missing (Debian package chromium)";
        }
        if (!works("/usr/bin/python3", "-c", "import numpy, PIL")) {
            return "python3 with numpy and Pillow is missing (Debian packages python3-numpy, python3-pil)";
        }
        return null;
    }

    /**
     * The bundle's run_model.mjs with {@code alias} (ort-node-newest or ort-node-oldest) as its
     * onnxruntime-node: the bundle's files are copied under a folder whose node_modules holds that
     * version, which is where Node looks for it, as it would in a user's project.
     */
    static Run node(Path bundle, String alias, Path data, Path work) throws IOException, InterruptedException {
        Path project = Files.createDirectories(work.resolve(alias));
        Path modules = Files.createDirectories(project.resolve("node_modules"));
        Path link = modules.resolve("onnxruntime-node");
        if (!Files.exists(link)) {
            Files.createSymbolicLink(link, CONFORMANCE.resolve("node_modules").resolve(alias));
        }
        Path copy = project.resolve(bundle.getFileName());
        Files.createDirectories(copy);
        try (Stream<Path> files = Files.list(bundle)) {
            for (Path f : (Iterable<Path>) files::iterator) {
                Files.copy(f, copy.resolve(f.getFileName()), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
            }
        }
        Path out = copy.resolve("predictions.jsonl");
        String log = run(copy, List.of("node", copy.resolve("run_model.mjs").toString(), "--batch", data.toString(),
                "--out", out.toString(), "--threads", "1"));
        if (!Files.isRegularFile(out)) {
            throw new IOException("run_model.mjs with " + alias + " wrote nothing: " + log);
        }
        JsonNode pkg = new ObjectMapper().readTree(CONFORMANCE.resolve("node_modules").resolve(alias)
                .resolve("package.json").toFile());
        return new Run("onnxruntime-node", pkg.path("version").asText(), parse(Files.readAllLines(out)));
    }

    /**
     * The bundle's run_model.py in batch mode under the stand-in for onnxruntime
     * ({@code conformance/python-stand-in}), which runs no model: the tensors the script made,
     * one map (input name to values) per example.
     */
    static List<java.util.Map<String, double[]>> pythonFeeds(Path bundle, Path data, Path work)
            throws IOException, InterruptedException {
        Path feeds = Files.createDirectories(work).resolve(bundle.getFileName() + "-python-feeds.jsonl");
        Files.deleteIfExists(feeds);
        ProcessBuilder pb = new ProcessBuilder("/usr/bin/python3", "-B", bundle.resolve("run_model.py").toString(), "--batch",
                data.toString(), "--out", work.resolve(bundle.getFileName() + "-python.jsonl").toString())
                .directory(work.toFile()).redirectErrorStream(true);
        pb.environment().put("PYTHONPATH", CONFORMANCE.resolve("python-stand-in").toString());
        pb.environment().put("NETLOOM_FEEDS", feeds.toString());
        Process p = pb.start();
        String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!p.waitFor(300, TimeUnit.SECONDS) || p.exitValue() != 0) {
            p.destroyForcibly();
            throw new IOException("run_model.py under the stand-in failed: " + output.strip());
        }
        List<java.util.Map<String, double[]>> out = new ArrayList<>();
        ObjectMapper json = new ObjectMapper();
        for (String line : Files.exists(feeds) ? Files.readAllLines(feeds) : List.<String>of()) {
            java.util.Map<String, double[]> one = new java.util.LinkedHashMap<>();
            json.readTree(line).fields().forEachRemaining(e -> {
                double[] v = new double[e.getValue().size()];
                for (int i = 0; i < v.length; i++) {
                    v[i] = e.getValue().get(i).asDouble();
                }
                one.put(e.getKey(), v);
            });
            out.add(one);
        }
        return out;
    }

    /** The bundle's index.html in headless Chromium, fed the data through the page's own predict. */
    static Run page(Path bundle, Path data) throws IOException, InterruptedException {
        String output = run(CONFORMANCE, List.of("node", CONFORMANCE.resolve("page-driver.mjs").toString(),
                bundle.toString(), data.toString()));
        List<String> lines = output.lines().filter(l -> l.startsWith("{")).toList();
        if (lines.isEmpty() || !lines.get(0).contains("\"versions\"")) {
            throw new IOException("the page driver printed no versions: " + output);
        }
        JsonNode head = new ObjectMapper().readTree(lines.get(0));
        return new Run("onnxruntime-web in Chromium " + head.path("chromium").asText(),
                head.path("versions").path("web").asText(head.path("versions").path("common").asText()),
                parse(lines.subList(1, lines.size())));
    }

    /** The status line the page shows when neither its ort/ folder nor the CDN can be reached. */
    static String pageWithoutRuntime(Path bundle) throws IOException, InterruptedException {
        String output = run(CONFORMANCE, List.of("node", CONFORMANCE.resolve("page-driver.mjs").toString(),
                bundle.toString(), "--without-runtime"));
        return new ObjectMapper().readTree(output.lines().filter(l -> l.startsWith("{")).findFirst()
                .orElseThrow(() -> new IOException("the page driver printed no status: " + output))).path("status").asText();
    }

    private static List<Line> parse(List<String> jsonLines) throws IOException {
        ObjectMapper json = new ObjectMapper();
        List<Line> out = new ArrayList<>();
        for (String l : jsonLines) {
            if (l.isBlank()) {
                continue;
            }
            JsonNode n = json.readTree(l);
            double[] outputs = new double[n.path("outputs").size()];
            for (int i = 0; i < outputs.length; i++) {
                outputs[i] = n.path("outputs").get(i).asDouble();
            }
            out.add(new Line(n.path("id").asText(), n.path("label").isNull() ? null : n.path("label").asText(),
                    n.path("top").asText(null), outputs, n.path("error").asText(null)));
        }
        return out;
    }

    // Runs a program, returning what it printed; a non-zero exit is an IOException with its output.
    private static String run(Path dir, List<String> command) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true).start();
        byte[] bytes = p.getInputStream().readAllBytes();
        if (!p.waitFor(300, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new IOException(String.join(" ", command) + ": no answer in 300 s");
        }
        String output = new String(bytes, StandardCharsets.UTF_8);
        if (p.exitValue() != 0) {
            throw new IOException(String.join(" ", command) + " exited with " + p.exitValue() + ": " + output.strip());
        }
        return output;
    }

    private static boolean works(String... command) {
        try {
            Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
            p.getInputStream().readAllBytes();
            return p.waitFor(30, TimeUnit.SECONDS) && p.exitValue() == 0;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }
}
