package dev.netloom.app.fuzz;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.netloom.app.StudioServices;
import dev.netloom.app.cli.NetloomCommand;
import dev.netloom.export.bundle.Manifest;
import dev.netloom.export.bundle.ManifestFile;
import dev.netloom.export.bundle.ManifestFormatException;
import dev.netloom.graph.project.Templates.Template;
import dev.netloom.train.data.DataIssue;
import dev.netloom.train.data.DataRequest;
import dev.netloom.train.data.DataSources;
import dev.netloom.train.data.Dataset;

import javax.imageio.ImageIO;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * The hostile-input corpus: every shipped template, every kind of dataset file and a bundle
 * manifest, each damaged {@code count} times by {@link Mutator}, run through what a user runs
 * ({@code netloom validate}, the data readers, the manifest parser). Collects every message a
 * user would see, and every crash (an exception that is not our one-line refusal).
 */
public final class FuzzCorpus {

    /** What one pass found. */
    public record Findings(int inputs, List<String> messages, List<String> crashes) {
    }

    private static final DataRequest REQUEST = new DataRequest(3, 8, 8, 8, 100, 0, 1);

    private final Path dir;
    private final StudioServices services;

    public FuzzCorpus(Path dir, StudioServices services) {
        this.dir = dir;
        this.services = services;
    }

    /** Damages each base file {@code count} times (seeds 0 .. count-1) and runs them all. */
    public Findings run(int count) throws IOException {
        List<String> messages = new ArrayList<>();
        List<String> crashes = new ArrayList<>();
        int inputs = 0;
        for (Template t : services.templates().all()) {
            byte[] valid = services.projectFile().toJson(t.project()).getBytes(StandardCharsets.UTF_8);
            for (int seed = 0; seed < count; seed++) {
                Path file = dir.resolve("project-" + t.name() + "-" + seed + ".netloom");
                Files.write(file, Mutator.mutate(valid, seed));
                validate(file, messages, crashes);
                inputs++;
                Files.delete(file);
            }
        }
        for (Map.Entry<String, byte[]> base : datasets().entrySet()) {
            String name = base.getKey();
            String extension = name.substring(name.indexOf('.'));
            for (int seed = 0; seed < count; seed++) {
                Path file = dir.resolve("data-" + seed + extension);
                Files.write(file, Mutator.mutate(base.getValue(), seed * 31L + name.hashCode()));
                read(section(name, file.getFileName().toString()), file, messages, crashes);
                inputs++;
                Files.delete(file);
            }
        }
        byte[] manifest = manifest();
        for (int seed = 0; seed < count; seed++) {
            try {
                ManifestFile.parse(Mutator.mutate(manifest, seed), "manifest.json");
            } catch (ManifestFormatException e) {
                messages.add(e.getMessage());
            } catch (RuntimeException | StackOverflowError e) {
                crashes.add("manifest.json seed " + seed + ": " + e);
            }
            inputs++;
        }
        return new Findings(inputs, messages, crashes);
    }

    private void validate(Path file, List<String> messages, List<String> crashes) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code = NetloomCommand.run(services, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8), "validate", file.toString());
        String text = err.toString(StandardCharsets.UTF_8);
        if (code == 3 || text.contains("internal error")) {
            crashes.add(file.getFileName() + ": exit " + code + ": " + text.strip());
        }
        text.lines().forEach(messages::add);
    }

    private void read(String section, Path file, List<String> messages, List<String> crashes) {
        try {
            Dataset d = DataSources.reader(new ObjectMapper().readTree(section), dir).read(REQUEST);
            for (DataIssue issue : d.report().issues()) {
                messages.add(issue.toString());
            }
            messages.add(d.report().summary());
        } catch (IOException e) { // includes a bad data section
            messages.add(e.getMessage());
        } catch (RuntimeException | StackOverflowError | OutOfMemoryError e) {
            crashes.add(file.getFileName() + " (" + section + "): " + e);
        }
    }

    private static String section(String base, String file) {
        return switch (base) {
            case "table.csv" -> "{\"source\": \"csv\", \"file\": \"" + file + "\", \"label\": \"species\"}";
            case "texts.csv", "texts.jsonl" -> "{\"source\": \"text\", \"file\": \"" + file + "\"}";
            default -> "{\"source\": \"manifest\", \"file\": \"" + file + "\"}";
        };
    }

    /** The valid dataset files the mutations start from (and the pictures the manifests name). */
    private Map<String, byte[]> datasets() throws IOException {
        StringBuilder table = new StringBuilder("length,colour,species\n");
        StringBuilder texts = new StringBuilder("text,label\n");
        StringBuilder jsonl = new StringBuilder();
        StringBuilder manifest = new StringBuilder("image,text,label\n");
        StringBuilder manifestJsonl = new StringBuilder();
        Path pictures = dir.resolve("pics");
        Files.createDirectories(pictures);
        for (int i = 0; i < 24; i++) {
            String species = i % 2 == 0 ? "setosa" : "virginica";
            table.append(1 + i % 7).append('.').append(i % 10).append(',').append(i % 3 == 0 ? "white" : "blue")
                    .append(',').append(species).append('\n');
            String label = i % 2 == 0 ? "good" : "bad";
            texts.append("\"a ").append(label).append(" film, number ").append(i).append("\",").append(label).append('\n');
            jsonl.append("{\"text\": \"a ").append(label).append(" film ").append(i).append("\", \"label\": \"")
                    .append(label).append("\"}\n");
            if (i < 8) {
                ImageIO.write(new BufferedImage(8, 8, BufferedImage.TYPE_INT_RGB), "png", pictures.resolve(i + ".png").toFile());
            }
            manifest.append("pics/").append(i % 8).append(".png,is it ").append(label).append("?,").append(label).append('\n');
            manifestJsonl.append("{\"image\": \"pics/").append(i % 8).append(".png\", \"text\": \"is it ").append(label)
                    .append("?\", \"label\": \"").append(label).append("\"}\n");
        }
        return Map.of("table.csv", bytes(table), "texts.csv", bytes(texts), "texts.jsonl", bytes(jsonl),
                "manifest.csv", bytes(manifest), "manifest.jsonl", bytes(manifestJsonl));
    }

    private static byte[] bytes(CharSequence s) {
        return s.toString().getBytes(StandardCharsets.UTF_8);
    }

    /** A valid bundle manifest, as a bundle of a tiny model carries it. */
    private static byte[] manifest() {
        var contents = new dev.netloom.export.bundle.BundleContents(new byte[] {8, 1, 18, 4, 't', 'e', 's', 't'},
                new Manifest.Model("Tiny", "1", "artifact", "0".repeat(64), java.time.Instant.parse("2026-01-31T12:00:00Z"),
                        "test"),
                new Manifest.Device("raspberry-pi-5", "Raspberry Pi 5", "single-board", "onnxruntime 1.23", 21),
                new Manifest.Runtime("1.20.1", "ONNX Runtime (Java) 1.23.2", List.of("onnxruntime-node 1.20.1"), Map.of(), 1e-4),
                new Manifest.PrecisionPlan("fp32", Map.of("dense", dev.netloom.graph.Precision.FP32), 32),
                List.of(new Manifest.TensorSpec("features", "input", List.of(Manifest.TensorSpec.BATCH, 4L),
                        Manifest.ElementType.FLOAT32, null)),
                List.of(new Manifest.TensorSpec("scores", "dense", List.of(Manifest.TensorSpec.BATCH, 2L),
                        Manifest.ElementType.FLOAT32, null)),
                List.of("no", "yes"), List.of(), 40, new Manifest.Estimate(0.1, 1000, 1000, 1, true),
                new Manifest.Parity(8, 0, 1e-5, true), Manifest.Accuracy.notMeasured("no test split"),
                dev.netloom.devices.ExampleFamily.PYTHON_LINUX);
        return ManifestFile.format(contents.manifest().withFiles(Map.of("model.onnx",
                new Manifest.FileEntry(8, "0".repeat(64)))));
    }

    /** Prints a line per crash and per leaking message (the bench uses this). */
    public static void each(Findings f, Consumer<String> leak) {
        for (String m : f.messages()) {
            LibraryWords.find(m).ifPresent(word -> leak.accept("[" + word + "] " + m));
        }
    }
}
