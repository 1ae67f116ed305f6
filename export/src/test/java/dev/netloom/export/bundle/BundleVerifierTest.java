package dev.netloom.export.bundle;

import dev.netloom.devices.ExampleFamily;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import java.util.zip.ZipOutputStream;

import static org.assertj.core.api.Assertions.assertThat;

/** Verification finds every kind of tampering, in the folder and in the zip, and names the file. */
class BundleVerifierTest {

    @TempDir
    Path tmp;

    SigningKey key;
    Bundle bundle;

    @BeforeEach
    void write() throws IOException {
        key = SigningKey.generate();
        bundle = new BundleWriter().write(BundleFixtures.text(ExampleFamily.PYTHON_LINUX), tmp.resolve("bundle"), key);
    }

    /** One way to tamper with a bundle, applied to a map of file name → bytes. */
    enum Tamper {
        MODEL_BYTE("model.onnx: SHA-256 differs from the manifest — the file was changed after export") {
            void apply(Map<String, byte[]> files) {
                files.get("model.onnx")[100] ^= 1;
            }
        },
        LABELS("labels.txt: SHA-256 differs from the manifest — the file was changed after export") {
            void apply(Map<String, byte[]> files) {
                files.put("labels.txt", "negative\nPOSITIVE\n".getBytes(StandardCharsets.UTF_8));
            }
        },
        VOCAB_MISSING("vocab.txt: missing") {
            void apply(Map<String, byte[]> files) {
                files.remove("vocab.txt");
            }
        },
        MANIFEST("manifest.json: the signature does not match — the manifest was changed after signing") {
            void apply(Map<String, byte[]> files) {
                String m = new String(files.get("manifest.json"), StandardCharsets.UTF_8);
                files.put("manifest.json", m.replace("\"passed\": true", "\"passed\": false").getBytes(StandardCharsets.UTF_8));
            }
        },
        SIGNATURE("manifest.json: the signature does not match — the manifest was changed after signing") {
            void apply(Map<String, byte[]> files) {
                byte[] sig = java.util.Base64.getDecoder().decode(new String(files.get("manifest.sig"), StandardCharsets.US_ASCII).strip());
                sig[5] ^= 1;
                files.put("manifest.sig", (java.util.Base64.getEncoder().encodeToString(sig) + "\n").getBytes(StandardCharsets.US_ASCII));
            }
        },
        SIGNATURE_GARBAGE("manifest.sig: not a Base64 Ed25519 signature") {
            void apply(Map<String, byte[]> files) {
                files.put("manifest.sig", "not base64 !!".getBytes(StandardCharsets.US_ASCII));
            }
        },
        SIGNATURE_MISSING("manifest.sig: missing") {
            void apply(Map<String, byte[]> files) {
                files.remove("manifest.sig");
            }
        },
        EXTRA_FILE("extra.bin: not listed in the manifest") {
            void apply(Map<String, byte[]> files) {
                files.put("extra.bin", new byte[] {1, 2, 3});
            }
        },
        EXAMPLE_MISSING("run_model.py: missing") {
            void apply(Map<String, byte[]> files) {
                files.remove("run_model.py");
            }
        },
        KEY_REPLACED("manifest.json: the signature does not match — the manifest was changed after signing") {
            void apply(Map<String, byte[]> files) {
                files.put("signing-key.pub", SigningKey.generate().publicKeyPem().getBytes(StandardCharsets.US_ASCII));
            }
        };

        final String finding;

        Tamper(String finding) {
            this.finding = finding;
        }

        abstract void apply(Map<String, byte[]> files);
    }

    @ParameterizedTest
    @EnumSource(Tamper.class)
    void tamperingWithTheFolderIsFoundAndNamed(Tamper tamper) throws IOException {
        Map<String, byte[]> files = read(bundle.dir());
        tamper.apply(files);
        for (String name : read(bundle.dir()).keySet()) {
            Files.delete(bundle.dir().resolve(name));
        }
        for (Map.Entry<String, byte[]> f : files.entrySet()) {
            Files.write(bundle.dir().resolve(f.getKey()), f.getValue());
        }
        VerifyReport r = BundleVerifier.verify(bundle.dir(), Optional.empty());
        assertThat(r.ok()).isFalse();
        assertThat(r.findings()).extracting(VerifyReport.Finding::toString).contains(tamper.finding);
    }

    @ParameterizedTest
    @EnumSource(Tamper.class)
    void tamperingWithTheZipIsFoundAndNamed(Tamper tamper) throws IOException {
        Map<String, byte[]> files = readZip(bundle.zip());
        tamper.apply(files);
        Path zip = tmp.resolve("tampered.zip");
        writeZip(zip, "bundle/", files);
        VerifyReport r = BundleVerifier.verify(zip, Optional.empty());
        assertThat(r.ok()).isFalse();
        assertThat(r.findings()).extracting(VerifyReport.Finding::toString).contains(tamper.finding);
    }

    @Test
    void aZipWithItsFilesAtTheTopAlsoVerifies() throws IOException {
        Path zip = tmp.resolve("flat.zip");
        writeZip(zip, "", readZip(bundle.zip()));
        assertThat(BundleVerifier.verify(zip, Optional.empty()).findings()).isEmpty();
    }

    @Test
    void anotherSignersBundleFailsAgainstTheTrustedKey() {
        SigningKey mine = SigningKey.generate();
        VerifyReport r = BundleVerifier.verify(bundle.dir(), Optional.of(mine.publicKey()));
        assertThat(r.ok()).isFalse();
        assertThat(r.trust()).isEqualTo(VerifyReport.Trust.NONE);
        assertThat(r.findings()).extracting(VerifyReport.Finding::toString).anyMatch(f ->
                f.startsWith("signing-key.pub: not the trusted key"));
        assertThat(r.findings()).extracting(VerifyReport.Finding::file).contains("manifest.json");
    }

    @Test
    void zipSlipNamesAndFoldersAreFindingsAndNothingIsExtracted() throws IOException {
        Map<String, byte[]> files = readZip(bundle.zip());
        Path zip = tmp.resolve("slip.zip");
        try (ZipOutputStream out = new ZipOutputStream(Files.newOutputStream(zip))) {
            for (Map.Entry<String, byte[]> f : files.entrySet()) {
                out.putNextEntry(new ZipEntry(f.getKey()));
                out.write(f.getValue());
            }
            out.putNextEntry(new ZipEntry("../../evil.sh"));
            out.write("rm -rf ~".getBytes(StandardCharsets.UTF_8));
            out.putNextEntry(new ZipEntry("sub/inner.txt"));
            out.write(1);
        }
        VerifyReport r = BundleVerifier.verify(zip, Optional.empty());
        assertThat(r.ok()).isFalse();
        assertThat(r.findings()).extracting(VerifyReport.Finding::toString).contains(
                "../../evil.sh: is not a plain file name in the bundle's folder",
                "sub/inner.txt: is not a plain file name in the bundle's folder");
        assertThat(tmp.getParent().resolve("evil.sh")).doesNotExist();
    }

    @Test
    void aHugeEntryIsReadOnlyAsFarAsTheManifestSays() throws IOException {
        Map<String, byte[]> files = readZip(bundle.zip());
        Path zip = tmp.resolve("bomb.zip");
        try (ZipOutputStream out = new ZipOutputStream(Files.newOutputStream(zip))) {
            for (Map.Entry<String, byte[]> f : files.entrySet()) {
                out.putNextEntry(new ZipEntry(f.getKey()));
                if (f.getKey().equals("model.onnx")) {
                    byte[] zeros = new byte[1 << 20];
                    for (int i = 0; i < 256; i++) { // 256 MiB of zeros: a few hundred KB compressed
                        out.write(zeros);
                    }
                } else {
                    out.write(f.getValue());
                }
            }
        }
        VerifyReport r = BundleVerifier.verify(zip, Optional.empty());
        assertThat(r.findings()).extracting(VerifyReport.Finding::toString)
                .contains("model.onnx: SHA-256 differs from the manifest — the file was changed after export");
    }

    @Test
    void notABundleIsOneFinding() throws IOException {
        Path junk = Files.writeString(tmp.resolve("junk.zip"), "not a zip");
        VerifyReport r = BundleVerifier.verify(junk, Optional.empty());
        assertThat(r.ok()).isFalse();
        assertThat(r.findings()).hasSize(1);
        assertThat(r.findings().get(0).file()).isEqualTo("junk.zip");
        assertThat(BundleVerifier.verify(tmp.resolve("nowhere"), Optional.empty()).findings())
                .extracting(VerifyReport.Finding::toString).containsExactly("nowhere: no such file or folder");
        Path empty = Files.createDirectories(tmp.resolve("empty"));
        assertThat(BundleVerifier.verify(empty, Optional.empty()).findings()).extracting(VerifyReport.Finding::toString)
                .contains("manifest.json: missing", "manifest.sig: missing", "signing-key.pub: missing");
    }

    @Test
    void aLinkInTheFolderIsAFindingAndNotFollowed() throws IOException {
        Path secret = Files.writeString(tmp.resolve("secret.txt"), "x");
        try {
            Files.createSymbolicLink(bundle.dir().resolve("link.txt"), secret);
        } catch (UnsupportedOperationException | IOException e) {
            org.junit.jupiter.api.Assumptions.abort("no symbolic links here");
        }
        assertThat(BundleVerifier.verify(bundle.dir(), Optional.empty()).findings())
                .extracting(VerifyReport.Finding::toString).containsExactly("link.txt: is a link; a bundle holds plain files only");
    }

    static Map<String, byte[]> read(Path dir) throws IOException {
        Map<String, byte[]> out = new LinkedHashMap<>();
        try (var s = Files.list(dir)) {
            for (Path p : s.sorted().toList()) {
                out.put(p.getFileName().toString(), Files.readAllBytes(p));
            }
        }
        return out;
    }

    static Map<String, byte[]> readZip(Path zip) throws IOException {
        Map<String, byte[]> out = new LinkedHashMap<>();
        try (ZipFile z = new ZipFile(zip.toFile())) {
            for (ZipEntry e : z.stream().toList()) {
                if (!e.isDirectory()) {
                    out.put(e.getName().substring(e.getName().indexOf('/') + 1), z.getInputStream(e).readAllBytes());
                }
            }
        }
        return out;
    }

    static void writeZip(Path zip, String prefix, Map<String, byte[]> files) throws IOException {
        try (OutputStream raw = Files.newOutputStream(zip); ZipOutputStream out = new ZipOutputStream(raw)) {
            for (Map.Entry<String, byte[]> f : files.entrySet()) {
                out.putNextEntry(new ZipEntry(prefix + f.getKey()));
                out.write(f.getValue());
            }
        }
    }
}
