package dev.netloom.export.bundle;

import dev.netloom.devices.ExampleFamily;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Writing bundles: contents, reproducible zips, refusing to overwrite, and atomic replacement. */
class BundleWriterTest {

    static SigningKey key;

    @TempDir
    Path tmp;

    @BeforeAll
    static void makeKey() {
        key = SigningKey.generate();
    }

    @ParameterizedTest
    @EnumSource(ExampleFamily.class)
    void writesEveryFileAndVerifiesAsFolderAndZip(ExampleFamily family) throws IOException {
        Bundle b = new BundleWriter().write(BundleFixtures.picture(family), tmp.resolve("cnn-pi"), key);
        assertThat(b.dir()).isEqualTo(tmp.resolve("cnn-pi").toAbsolutePath());
        assertThat(b.zip()).isEqualTo(tmp.resolve("cnn-pi.zip").toAbsolutePath()).isRegularFile();
        try (Stream<Path> files = Files.list(b.dir())) {
            var names = files.map(p -> p.getFileName().toString()).sorted().toList();
            assertThat(names).contains("model.onnx", "manifest.json", "manifest.sig", "signing-key.pub", "labels.txt",
                    "README.md", "run_model.mjs").doesNotContain("vocab.txt");
            family.fileName().ifPresentOrElse(f -> assertThat(names).contains(f), () -> assertThat(names).hasSize(7));
        }
        assertThat(b.manifest().files()).containsOnlyKeys(Stream.concat(
                Stream.of("model.onnx", "labels.txt", "signing-key.pub", "README.md", "run_model.mjs"),
                family.fileName().stream()).toList());
        assertThat(b.manifest().sizes().modelBytes()).isEqualTo(4096);
        assertThat(b.manifest().sizes().bundleBytes()).isEqualTo(
                b.manifest().files().values().stream().mapToLong(Manifest.FileEntry::bytes).sum());
        assertThat(Files.readString(b.dir().resolve("labels.txt"))).isEqualTo("cat\ndog\nbird\n");
        if (Files.getFileAttributeView(b.dir(), java.nio.file.attribute.PosixFileAttributeView.class) != null) {
            // Bundles are for sharing: not the owner-only permissions of the temporary files they were written as.
            assertThat(java.nio.file.attribute.PosixFilePermissions.toString(Files.getPosixFilePermissions(b.dir())))
                    .isEqualTo("rwxr-xr-x");
            assertThat(java.nio.file.attribute.PosixFilePermissions.toString(Files.getPosixFilePermissions(b.zip())))
                    .isEqualTo("rw-r--r--");
        }

        for (Path where : new Path[] {b.dir(), b.zip()}) {
            VerifyReport r = BundleVerifier.verify(where, Optional.empty());
            assertThat(r.findings()).isEmpty();
            assertThat(r.ok()).isTrue();
            assertThat(r.trust()).isEqualTo(VerifyReport.Trust.BUNDLED_KEY);
            assertThat(r.summary()).isEqualTo("OK: " + b.manifest().files().size()
                    + " files match their checksums; signature valid (key " + key.fingerprint() + ")");
            VerifyReport trusted = BundleVerifier.verify(where, Optional.of(key.publicKey()));
            assertThat(trusted.ok()).isTrue();
            assertThat(trusted.trust()).isEqualTo(VerifyReport.Trust.TRUSTED_KEY);
        }
    }

    @Test
    void textModelsCarryTheirVocabulary() throws IOException {
        Bundle b = new BundleWriter().write(BundleFixtures.text(ExampleFamily.BROWSER_HTML), tmp.resolve("reviews"), key);
        assertThat(Files.readString(b.dir().resolve("vocab.txt"))).isEqualTo("[PAD]\n[UNK]\ngood\nbad\nmovie\n.\n");
        assertThat(b.manifest().files()).containsKey("vocab.txt");
        assertThat(BundleVerifier.verify(b.zip(), Optional.empty()).ok()).isTrue();
    }

    @Test
    void theSameContentsZipToTheSameBytes() throws IOException {
        BundleContents c = BundleFixtures.picture(ExampleFamily.PYTHON_LINUX);
        Bundle one = new BundleWriter().write(c, tmp.resolve("a").resolve("bundle"), key);
        Bundle two = new BundleWriter().write(c, tmp.resolve("b").resolve("bundle"), key);
        assertThat(Files.readAllBytes(one.zip())).isEqualTo(Files.readAllBytes(two.zip()));
        try (var zip = new java.util.zip.ZipFile(one.zip().toFile())) {
            var names = zip.stream().map(java.util.zip.ZipEntry::getName).toList();
            assertThat(names).first().isEqualTo("bundle/");
            assertThat(names.subList(1, names.size())).isSorted().allMatch(n -> n.startsWith("bundle/"));
        }
    }

    @Test
    void refusesANonEmptyFolderUnlessToldToReplace() throws IOException {
        Path out = tmp.resolve("bundle");
        Files.createDirectories(out);
        Files.writeString(out.resolve("notes.txt"), "mine");
        BundleContents c = BundleFixtures.picture(ExampleFamily.PYTHON_LINUX);
        assertThatThrownBy(() -> new BundleWriter().write(c, out, key))
                .isInstanceOf(FileAlreadyExistsException.class).hasMessageContaining("not empty");
        assertThat(Files.readString(out.resolve("notes.txt"))).isEqualTo("mine");

        Bundle b = new BundleWriter().write(c, out, key, true);
        assertThat(b.dir().resolve("notes.txt")).doesNotExist();
        assertThat(BundleVerifier.verify(out, Optional.empty()).ok()).isTrue();
        assertThat(leftovers()).isEmpty();

        // An empty folder is fine without replace: a person may have made it to export into.
        Path empty = Files.createDirectories(tmp.resolve("empty"));
        assertThat(new BundleWriter().write(c, empty, key).dir().resolve("model.onnx")).isRegularFile();
    }

    @ParameterizedTest
    @org.junit.jupiter.params.provider.ValueSource(strings = {"model.onnx", "README.md", "manifest.json", "manifest.sig",
            "bundle.zip", "swap"})
    void aFailureMidwayLeavesTheOldBundleIntact(String failAfter) throws IOException {
        Path out = tmp.resolve("bundle");
        Bundle old = new BundleWriter().write(BundleFixtures.picture(ExampleFamily.PYTHON_LINUX), out, key);
        byte[] oldZip = Files.readAllBytes(old.zip());
        byte[] oldManifest = Files.readAllBytes(out.resolve("manifest.json"));

        BundleWriter failing = new BundleWriter(file -> {
            if (file.equals(failAfter)) {
                throw new IOException("disk full (injected after " + file + ")");
            }
        });
        assertThatThrownBy(() -> failing.write(BundleFixtures.text(ExampleFamily.BROWSER_HTML), out, key, true))
                .isInstanceOf(IOException.class).hasMessageContaining("injected");

        assertThat(Files.readAllBytes(out.resolve("manifest.json"))).isEqualTo(oldManifest);
        assertThat(Files.readAllBytes(old.zip())).isEqualTo(oldZip);
        assertThat(BundleVerifier.verify(out, Optional.of(key.publicKey())).ok()).isTrue();
        assertThat(leftovers()).isEmpty();
    }

    @Test
    void aFileWhereTheFolderShouldBeIsRefused() throws IOException {
        Path out = Files.writeString(tmp.resolve("bundle"), "x");
        assertThatThrownBy(() -> new BundleWriter().write(BundleFixtures.picture(ExampleFamily.PYTHON_LINUX), out, key, true))
                .isInstanceOf(FileAlreadyExistsException.class).hasMessageContaining("is a file");
    }

    @Test
    void theManifestBytesAreSigned() throws IOException {
        Bundle b = new BundleWriter().write(BundleFixtures.picture(ExampleFamily.PYTHON_LINUX), tmp.resolve("b"), key);
        byte[] manifest = Files.readAllBytes(b.dir().resolve("manifest.json"));
        byte[] sig = java.util.Base64.getDecoder().decode(Files.readString(b.dir().resolve("manifest.sig")).strip());
        assertThat(sig).hasSize(64);
        assertThat(SigningKey.verify(key.publicKey(), manifest, sig)).isTrue();
        assertThat(new String(manifest, StandardCharsets.UTF_8)).isEqualTo(ManifestFile.toJson(b.manifest()));
        assertThat(SigningKey.readPublicKey(b.dir().resolve("signing-key.pub")).getEncoded())
                .isEqualTo(key.publicKey().getEncoded());
    }

    // Temporary folders and zips the writer leaves behind: there must be none.
    private java.util.List<String> leftovers() throws IOException {
        try (Stream<Path> s = Files.list(tmp)) {
            return s.map(p -> p.getFileName().toString()).filter(n -> n.startsWith(".")).toList();
        }
    }
}
