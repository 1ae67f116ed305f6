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

/**
 * netloom verify: OK with exit 0, or one line per problem on stderr and exit 1. The home is the
 * test folder, so the bundle's key ({@code dir/keys}) is this studio's own key, trusted by default.
 */
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
            Cli r = Cli.runIn(dir, "verify", p.toString());
            assertThat(r.code()).as(r.err()).isZero();
            // model, labels, key, README and run_model.mjs (every bundle carries the Node.js example)
            assertThat(r.out()).startsWith("OK: 6 files match their checksums; signature valid (key " + key.fingerprint() + ")\n")
                    .contains("Signed by this studio's own key (" + key.fingerprint() + "), a trusted key");
            assertThat(r.err()).isEmpty();
        }
        Cli trusted = Cli.runIn(dir, "verify", bundle.dir().toString(), "--key", dir.resolve("keys/bundle-signing.pub").toString());
        assertThat(trusted.code()).isZero();
        assertThat(trusted.out()).contains("Signed by the trusted key");
    }

    @Test
    void oneChangedByteOfTheModelIsNamed() throws IOException {
        Path model = bundle.dir().resolve("model.onnx");
        byte[] b = Files.readAllBytes(model);
        b[0] ^= 1;
        Files.write(model, b);
        Cli r = Cli.runIn(dir, "verify", bundle.dir().toString());
        assertThat(r.code()).isEqualTo(ExitCode.INVALID);
        assertThat(r.err()).contains("model.onnx: SHA-256 differs from the manifest — the file was changed after export");
        assertThat(r.out()).isEmpty();
    }

    @Test
    void aChangedManifestBreaksTheSignature() throws IOException {
        Path manifest = bundle.dir().resolve("manifest.json");
        Files.writeString(manifest, Files.readString(manifest).replace("\"Tiny\"", "\"Huge\""));
        Cli r = Cli.runIn(dir, "verify", bundle.dir().toString());
        assertThat(r.code()).isEqualTo(ExitCode.INVALID);
        assertThat(r.err()).contains("manifest.json: the signature does not match the trusted key — the manifest was changed "
                + "after signing");
    }

    @Test
    void anotherKeyIsNotTrustedAndAMissingKeyFileIsAUsageError() throws IOException {
        Path other = Files.writeString(dir.resolve("other.pub"), SigningKey.generate().publicKeyPem(), StandardCharsets.US_ASCII);
        Cli r = Cli.runIn(dir, "verify", bundle.zip().toString(), "--key", other.toString());
        assertThat(r.code()).isEqualTo(ExitCode.INVALID);
        assertThat(r.err()).contains("signing-key.pub: not the trusted key");
        Cli missing = Cli.runIn(dir, "verify", bundle.zip().toString(), "--key", dir.resolve("nope.pub").toString());
        assertThat(missing.code()).isEqualTo(ExitCode.USAGE);
        assertThat(missing.err()).contains("nope.pub: no such file");
    }

    /** Someone changes the model and re-signs the manifest with their own key: intact, but not from us. */
    private Path forge() throws Exception {
        Path forged = dir.resolve("forged");
        Files.createDirectories(forged);
        try (var files = Files.list(bundle.dir())) {
            for (Path f : files.toList()) {
                Files.copy(f, forged.resolve(f.getFileName()));
            }
        }
        SigningKey forger = SigningKey.inDirectory(dir.resolve("forger-keys"));
        Files.writeString(forged.resolve("signing-key.pub"), forger.publicKeyPem());
        // The manifest lists the key file too: the forger lists theirs, then signs the manifest.
        var json = new com.fasterxml.jackson.databind.ObjectMapper();
        var tree = (com.fasterxml.jackson.databind.node.ObjectNode) json.readTree(forged.resolve("manifest.json").toFile());
        var entry = (com.fasterxml.jackson.databind.node.ObjectNode) tree.path("files").path("signing-key.pub");
        byte[] pub = Files.readAllBytes(forged.resolve("signing-key.pub"));
        entry.put("sha256", java.util.HexFormat.of().formatHex(java.security.MessageDigest.getInstance("SHA-256").digest(pub)));
        entry.put("bytes", pub.length);
        Files.write(forged.resolve("manifest.json"), json.writerWithDefaultPrettyPrinter().writeValueAsBytes(tree));
        byte[] manifest = Files.readAllBytes(forged.resolve("manifest.json"));
        Files.writeString(forged.resolve("manifest.sig"), java.util.Base64.getEncoder().encodeToString(forger.sign(manifest)) + "\n");
        return forged;
    }

    @Test
    void aBundleReSignedWithAnotherKeyFailsNamingTheKeyUnlessIntegrityOnly() throws Exception {
        Path forged = forge();
        String forger = SigningKey.fingerprint(SigningKey.readPublicKey(dir.resolve("forger-keys/bundle-signing.pub")));
        Cli r = Cli.runIn(dir, "verify", forged.toString());
        assertThat(r.code()).isEqualTo(ExitCode.INVALID);
        assertThat(r.err()).contains("signed by " + forger + ", which is not a trusted key", "netloom keys add")
                .doesNotContain("\n\n");
        assertThat(r.out()).isEmpty();

        Cli integrity = Cli.runIn(dir, "verify", forged.toString(), "--integrity-only");
        assertThat(integrity.code()).as(integrity.err()).isZero();
        assertThat(integrity.out()).contains("does not prove who signed them");
        assertThat(Cli.runIn(dir, "verify", forged.toString(), "--integrity-only", "--key",
                dir.resolve("keys/bundle-signing.pub").toString()).code()).isEqualTo(ExitCode.USAGE);
    }

    @Test
    void keysAddListRemoveDecideWhatVerifyAccepts() throws Exception {
        Path forged = forge();
        Path forgerPub = dir.resolve("forger-keys/bundle-signing.pub");
        String forger = SigningKey.fingerprint(SigningKey.readPublicKey(forgerPub));

        Cli add = Cli.runIn(dir, "keys", "add", forgerPub.toString(), "--name", "colleague");
        assertThat(add.code()).as(add.err()).isZero();
        assertThat(add.out()).contains("Trusted 'colleague' (" + forger + ")");
        assertThat(dir.resolve("trusted-keys/colleague.pub")).isRegularFile();
        Cli again = Cli.runIn(dir, "keys", "add", forgerPub.toString(), "--name", "other");
        assertThat(again.code()).isEqualTo(ExitCode.INVALID);
        assertThat(again.err()).contains("trusted already, as 'colleague'");
        Cli ownAgain = Cli.runIn(dir, "keys", "add", dir.resolve("keys/bundle-signing.pub").toString());
        assertThat(ownAgain.err()).contains("this studio's own key");

        Cli list = Cli.runIn(dir, "keys", "list");
        assertThat(list.code()).isZero();
        assertThat(list.out()).contains("own", key.fingerprint(), "colleague", forger);

        Cli accepted = Cli.runIn(dir, "verify", forged.toString());
        assertThat(accepted.code()).as(accepted.err()).isZero();
        assertThat(accepted.out()).contains("Signed by 'colleague' (" + forger + "), a trusted key");

        Cli removed = Cli.runIn(dir, "keys", "remove", forger);
        assertThat(removed.code()).as(removed.err()).isZero();
        assertThat(Cli.runIn(dir, "verify", forged.toString()).code()).isEqualTo(ExitCode.INVALID);
        Cli own = Cli.runIn(dir, "keys", "remove", "own");
        assertThat(own.code()).isEqualTo(ExitCode.INVALID);
        assertThat(own.err()).contains("always trusted");
        Cli junk = Cli.runIn(dir, "keys", "add", Files.writeString(dir.resolve("junk.pub"), "hello").toString());
        assertThat(junk.code()).isEqualTo(ExitCode.INVALID);
        assertThat(junk.err()).contains("junk.pub: no -----BEGIN PUBLIC KEY----- block");
    }

    /** A trusted key's name on a bundle whose signature is by another key is not believed. */
    @Test
    void aTrustedKeyFileSwappedIntoAForgedBundleDoesNotPass() throws Exception {
        Path forged = forge();
        Files.copy(dir.resolve("keys/bundle-signing.pub"), forged.resolve("signing-key.pub"),
                java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        Cli r = Cli.runIn(dir, "verify", forged.toString());
        assertThat(r.code()).isEqualTo(ExitCode.INVALID);
        assertThat(r.err()).contains("manifest.json: the signature does not match the trusted key");
    }
}
