package dev.netloom.app.cli;

import dev.netloom.export.bundle.Bundle;
import dev.netloom.export.bundle.BundleContents;
import dev.netloom.export.bundle.BundleWriter;
import dev.netloom.devices.ExampleFamily;
import dev.netloom.export.bundle.Manifest;
import dev.netloom.export.bundle.SigningKey;
import dev.netloom.graph.Precision;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** netloom verify: OK with exit 0, or one line per problem on stderr and exit 1. */
class VerifyCommandTest {

    @TempDir
    Path dir;

    SigningKey key;
    Bundle bundle;

    @BeforeEach
    void writeBundle() throws IOException {
        key = SigningKey.inDirectory(dir.resolve("keys"));
        BundleContents contents = new BundleContents(new byte[] {8, 1, 18, 4, 't', 'e', 's', 't'},
                new Manifest.Model("Tiny", "1", "artifact", "0".repeat(64), Instant.parse("2026-01-31T12:00:00Z"), "test"),
                new Manifest.Device("raspberry-pi-5", "Raspberry Pi 5", "single-board", "onnxruntime 1.23", 21),
                new Manifest.Runtime("1.20.1", "ONNX Runtime (Java) 1.23.2", List.of(), Map.of(), 1e-4),
                new Manifest.PrecisionPlan("fp32", Map.of("dense", Precision.FP32), 32),
                List.of(new Manifest.TensorSpec("features", "input", List.of(Manifest.TensorSpec.BATCH, 4L),
                        Manifest.ElementType.FLOAT32, null)),
                List.of(new Manifest.TensorSpec("scores", "dense", List.of(Manifest.TensorSpec.BATCH, 2L),
                        Manifest.ElementType.FLOAT32, null)),
                List.of("no", "yes"), List.of(), 40, new Manifest.Estimate(0.1, 1000, 1000, 1, true),
                new Manifest.Parity(8, 0, 1e-5, true), Manifest.Accuracy.notMeasured("no test split"),
                ExampleFamily.PYTHON_LINUX);
        bundle = new BundleWriter().write(contents, dir.resolve("tiny-pi"), key);
    }

    @Test
    void aFreshBundleIsOkAsFolderAndZip() {
        for (Path p : List.of(bundle.dir(), bundle.zip())) {
            Cli r = Cli.run("verify", p.toString());
            assertThat(r.code()).as(r.err()).isZero();
            // model, labels, key, README and run_model.mjs (every bundle carries the Node.js example)
            assertThat(r.out()).startsWith("OK: 6 files match their checksums; signature valid (key " + key.fingerprint() + ")\n")
                    .contains("does not prove who signed them");
            assertThat(r.err()).isEmpty();
        }
        Cli trusted = Cli.run("verify", bundle.dir().toString(), "--key", dir.resolve("keys/bundle-signing.pub").toString());
        assertThat(trusted.code()).isZero();
        assertThat(trusted.out()).contains("Signed by the trusted key");
    }

    @Test
    void oneChangedByteOfTheModelIsNamed() throws IOException {
        Path model = bundle.dir().resolve("model.onnx");
        byte[] b = Files.readAllBytes(model);
        b[0] ^= 1;
        Files.write(model, b);
        Cli r = Cli.run("verify", bundle.dir().toString());
        assertThat(r.code()).isEqualTo(ExitCode.INVALID);
        assertThat(r.err()).contains("model.onnx: SHA-256 differs from the manifest — the file was changed after export");
        assertThat(r.out()).isEmpty();
    }

    @Test
    void aChangedManifestBreaksTheSignature() throws IOException {
        Path manifest = bundle.dir().resolve("manifest.json");
        Files.writeString(manifest, Files.readString(manifest).replace("\"Tiny\"", "\"Huge\""));
        Cli r = Cli.run("verify", bundle.dir().toString());
        assertThat(r.code()).isEqualTo(ExitCode.INVALID);
        assertThat(r.err()).contains("manifest.json: the signature does not match — the manifest was changed after signing");
    }

    @Test
    void anotherKeyIsNotTrustedAndAMissingKeyFileIsAUsageError() throws IOException {
        Path other = Files.writeString(dir.resolve("other.pub"), SigningKey.generate().publicKeyPem(), StandardCharsets.US_ASCII);
        Cli r = Cli.run("verify", bundle.zip().toString(), "--key", other.toString());
        assertThat(r.code()).isEqualTo(ExitCode.INVALID);
        assertThat(r.err()).contains("signing-key.pub: not the trusted key");
        Cli missing = Cli.run("verify", bundle.zip().toString(), "--key", dir.resolve("nope.pub").toString());
        assertThat(missing.code()).isEqualTo(ExitCode.USAGE);
        assertThat(missing.err()).contains("nope.pub: no such file");
    }
}
