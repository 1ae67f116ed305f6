package dev.netloom.app.bench;

import dev.netloom.app.StudioServices;
import dev.netloom.app.fuzz.FuzzCorpus;
import dev.netloom.app.workspace.RunRecord;
import dev.netloom.app.workspace.Workspace;
import dev.netloom.export.bundle.SignerCheck;
import dev.netloom.export.bundle.TrustedKeys;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.stream.Stream;

/**
 * The in-process parts of bench/reliability.sh, one line of {@code key value} output each:
 * <ul>
 *   <li>{@code fuzz DIR N}: the hostile-input corpus damaged N times per base file; inputs,
 *       messages, crashes, library words</li>
 *   <li>{@code tamper BUNDLE_DIR HOME N SEED}: N copies of the bundle with one byte changed (any file,
 *       any position), each checked as {@code netloom verify} checks it; how many were caught</li>
 *   <li>{@code records HOME}: runs and epochs recorded in the workspace</li>
 *   <li>{@code forge BUNDLE_DIR OUT}: a copy whose model is changed and whose manifest is re-listed
 *       and re-signed with a stranger's key, as a forger would</li>
 * </ul>
 */
public final class ReliabilityMain {

    private ReliabilityMain() {
    }

    public static void main(String[] args) throws Exception {
        switch (args[0]) {
            case "fuzz" -> fuzz(Path.of(args[1]), Integer.parseInt(args[2]));
            case "tamper" -> tamper(Path.of(args[1]), Path.of(args[2]), Integer.parseInt(args[3]), Long.parseLong(args[4]));
            case "records" -> records(Path.of(args[1]));
            case "forge" -> forge(Path.of(args[1]), Path.of(args[2]));
            default -> throw new IllegalArgumentException("fuzz, tamper or records");
        }
    }

    private static void fuzz(Path dir, int count) throws Exception {
        Files.createDirectories(dir);
        FuzzCorpus.Findings f = new FuzzCorpus(dir, StudioServices.standard(dir.resolve("home"))).run(count);
        List<String> leaks = new ArrayList<>();
        FuzzCorpus.each(f, leaks::add);
        System.out.println("inputs " + f.inputs());
        System.out.println("messages " + f.messages().size());
        System.out.println("crashes " + f.crashes().size());
        System.out.println("leaks " + leaks.size());
        f.crashes().stream().limit(5).forEach(c -> System.out.println("# crash: " + c));
        leaks.stream().limit(5).forEach(l -> System.out.println("# leak: " + l));
    }

    private static void tamper(Path bundle, Path home, int count, long seed) throws Exception {
        List<Path> files;
        try (Stream<Path> s = Files.list(bundle)) {
            files = s.filter(Files::isRegularFile).sorted().toList();
        }
        Path work = Files.createTempDirectory("netloom-tamper");
        Random r = new Random(seed);
        int caught = 0;
        TrustedKeys trust = TrustedKeys.inHome(home);
        if (!SignerCheck.of(bundle, trust).trusted()) {
            System.out.println("# the untouched bundle does not verify as trusted; nothing to measure");
            System.exit(1);
        }
        for (int i = 0; i < count; i++) {
            Path copy = work.resolve("b" + i);
            Files.createDirectories(copy);
            for (Path f : files) {
                Files.copy(f, copy.resolve(f.getFileName()));
            }
            Path victim = copy.resolve(files.get(r.nextInt(files.size())).getFileName());
            byte[] bytes = Files.readAllBytes(victim);
            int at = r.nextInt(bytes.length);
            bytes[at] = (byte) (bytes[at] ^ (1 + r.nextInt(255))); // always a different byte
            Files.write(victim, bytes);
            if (!SignerCheck.of(copy, trust).trusted()) {
                caught++;
            } else {
                System.out.println("# missed: " + victim.getFileName() + " byte " + at);
            }
            try (Stream<Path> s = Files.list(copy)) {
                for (Path f : s.toList()) {
                    Files.delete(f);
                }
            }
            Files.delete(copy);
        }
        Files.delete(work);
        System.out.println("tampered " + count);
        System.out.println("caught " + caught);
    }

    private static void forge(Path bundle, Path out) throws Exception {
        Files.createDirectories(out);
        try (Stream<Path> s = Files.list(bundle)) {
            for (Path f : s.filter(Files::isRegularFile).toList()) {
                Files.copy(f, out.resolve(f.getFileName()));
            }
        }
        var forger = dev.netloom.export.bundle.SigningKey.generate();
        byte[] model = Files.readAllBytes(out.resolve("model.onnx"));
        model[model.length / 2] ^= 0x10;
        Files.write(out.resolve("model.onnx"), model);
        Files.writeString(out.resolve("signing-key.pub"), forger.publicKeyPem());
        var json = new com.fasterxml.jackson.databind.ObjectMapper();
        var tree = (com.fasterxml.jackson.databind.node.ObjectNode) json.readTree(out.resolve("manifest.json").toFile());
        for (String name : List.of("model.onnx", "signing-key.pub")) {
            byte[] b = Files.readAllBytes(out.resolve(name));
            var entry = (com.fasterxml.jackson.databind.node.ObjectNode) tree.path("files").path(name);
            entry.put("sha256", java.util.HexFormat.of().formatHex(java.security.MessageDigest.getInstance("SHA-256").digest(b)));
            entry.put("bytes", b.length);
        }
        byte[] manifest = json.writerWithDefaultPrettyPrinter().writeValueAsBytes(tree);
        Files.write(out.resolve("manifest.json"), manifest);
        Files.writeString(out.resolve("manifest.sig"), java.util.Base64.getEncoder().encodeToString(forger.sign(manifest)) + "\n");
        System.out.println("forged " + out);
    }

    private static void records(Path home) throws Exception {
        try (Workspace w = Workspace.open(home)) {
            List<RunRecord> runs = w.runs().runs(Optional.empty());
            long epochs = 0;
            for (RunRecord run : runs) {
                epochs += w.runs().epochs(run.id()).size();
            }
            System.out.println("runs " + runs.size());
            System.out.println("epochs " + epochs);
            w.notice().ifPresent(n -> System.out.println("# notice: " + n));
        }
    }
}
