package dev.netloom.export.bundle;

import dev.netloom.graph.files.AtomicWrite;
import dev.netloom.graph.files.WriteLeftovers;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * Writes a bundle: the folder {@code outDir} and the zip {@code <outDir>.zip} beside it.
 *
 * <p>Atomic: everything is written into a temporary folder beside {@code outDir}, checked with
 * {@link BundleVerifier}, zipped to a temporary file, and only then renamed into place. A failure
 * at any point before the renames leaves whatever was at {@code outDir} untouched. When replacing,
 * the old folder is renamed aside, the new one renamed in, and the old one deleted (or renamed
 * back if the new one cannot be moved in); Java has no atomic exchange of two folders, so for an
 * instant there is no folder at {@code outDir}, but there is never a half-written one.
 */
public final class BundleWriter {

    /** Called after each step with the name of the file just written; tests use it to fail midway. */
    interface Step {
        void after(String file) throws IOException;
    }

    private final Step step;

    /** A writer. */
    public BundleWriter() {
        this(file -> {
        });
    }

    BundleWriter(Step step) {
        this.step = step;
    }

    /**
     * Writes a bundle into {@code outDir}, which must not exist or be empty.
     *
     * @throws FileAlreadyExistsException if {@code outDir} holds files (use {@link #write(BundleContents, Path, SigningKey, boolean)})
     */
    public Bundle write(BundleContents contents, Path outDir, SigningKey key) throws IOException {
        return write(contents, outDir, key, false);
    }

    /**
     * Writes a bundle into {@code outDir} and its zip to {@code <outDir>.zip}.
     *
     * @param contents what goes in
     * @param outDir   the bundle folder to make
     * @param key      the key to sign the manifest with
     * @param replace  whether an existing bundle at {@code outDir} (and its zip) may be replaced
     * @return where it went and the manifest written
     * @throws FileAlreadyExistsException if {@code outDir} is not empty (or its zip exists) and {@code replace} is false,
     *                                    or {@code outDir} is a file
     * @throws IOException                if writing fails; nothing at {@code outDir} has changed then
     */
    public Bundle write(BundleContents contents, Path outDir, SigningKey key, boolean replace) throws IOException {
        Path dir = outDir.toAbsolutePath().normalize();
        Path parent = dir.getParent();
        if (parent == null) {
            throw new IOException(outDir + ": a bundle needs a folder to go in");
        }
        String name = dir.getFileName().toString();
        Path zip = parent.resolve(name + ".zip");
        Files.createDirectories(parent);
        boolean existing = Files.exists(dir);
        if (existing && !Files.isDirectory(dir)) {
            throw new FileAlreadyExistsException(dir.toString(), null, "is a file, not a bundle folder");
        }
        boolean occupied = existing && !isEmpty(dir);
        if (!replace && occupied) {
            throw new FileAlreadyExistsException(dir.toString(), null, "is not empty; pass replace to overwrite it");
        }
        if (!replace && Files.exists(zip)) {
            throw new FileAlreadyExistsException(zip.toString(), null, "exists; pass replace to overwrite it");
        }

        WriteLeftovers.clean(parent, name); // a write killed half-way left its folder or zip
        WriteLeftovers.clean(parent, name + ".zip");
        Path temp = Files.createTempDirectory(parent, WriteLeftovers.prefix(name, "writing-"));
        Shared.readableByAll(temp); // temporary folders are made owner-only; a bundle is meant to be shared
        Path tempZip = null;
        try {
            Manifest manifest = writeFiles(contents, temp, key);
            VerifyReport check = BundleVerifier.verify(temp, Optional.of(key.publicKey()));
            if (!check.ok()) {
                throw new IOException("the bundle written to " + temp + " does not verify: " + check.findings().get(0));
            }
            tempZip = Files.createTempFile(parent, WriteLeftovers.prefix(name, "zip."), ".tmp");
            Shared.readableByAll(tempZip);
            BundleZip.writeTo(temp, name, tempZip);
            step.after(zip.getFileName().toString());

            moveIntoPlace(temp, dir, occupied || existing);
            AtomicWrite.rename(tempZip, zip);
            return new Bundle(dir, zip, manifest);
        } finally {
            if (tempZip != null) {
                Files.deleteIfExists(tempZip);
            }
            if (Files.exists(temp)) {
                deleteTree(temp);
            }
        }
    }

    private Manifest writeFiles(BundleContents c, Path dir, SigningKey key) throws IOException {
        Map<String, byte[]> files = new LinkedHashMap<>();
        files.put(BundleLayout.MODEL, c.onnx());
        files.put(BundleLayout.LABELS, lines(c.labels()));
        if (c.readsText()) {
            files.put(BundleLayout.VOCAB, lines(c.vocab()));
        }
        files.put(BundleLayout.PUBLIC_KEY, key.publicKeyPem().getBytes(StandardCharsets.US_ASCII));
        BundleExample.all(c).forEach((name, text) -> files.put(name, text.getBytes(StandardCharsets.UTF_8)));
        List<String> allNames = new ArrayList<>(files.keySet());
        allNames.addAll(List.of(BundleLayout.README, BundleLayout.MANIFEST, BundleLayout.SIGNATURE));
        files.put(BundleLayout.README, BundleReadme.render(c, allNames, key.fingerprint()).getBytes(StandardCharsets.UTF_8));

        Map<String, Manifest.FileEntry> entries = new TreeMap<>();
        for (Map.Entry<String, byte[]> f : files.entrySet()) {
            Files.write(dir.resolve(f.getKey()), f.getValue());
            entries.put(f.getKey(), new Manifest.FileEntry(f.getValue().length, Sha256.hex(f.getValue())));
            step.after(f.getKey());
        }
        Manifest manifest = c.manifest().withFiles(entries);
        byte[] manifestBytes = ManifestFile.format(manifest);
        Files.write(dir.resolve(BundleLayout.MANIFEST), manifestBytes);
        step.after(BundleLayout.MANIFEST);
        byte[] signature = key.sign(manifestBytes);
        Files.writeString(dir.resolve(BundleLayout.SIGNATURE), Base64.getEncoder().encodeToString(signature) + "\n",
                StandardCharsets.US_ASCII);
        step.after(BundleLayout.SIGNATURE);
        return manifest;
    }

    private void moveIntoPlace(Path temp, Path dir, boolean existing) throws IOException {
        if (!existing) {
            Files.move(temp, dir, StandardCopyOption.ATOMIC_MOVE);
            return;
        }
        Path old = Files.createTempDirectory(dir.getParent(), WriteLeftovers.prefix(dir.getFileName().toString(), "old-"));
        Files.delete(old); // only the unique name is wanted; the rename below creates it
        Files.move(dir, old, StandardCopyOption.ATOMIC_MOVE);
        try {
            step.after("swap");
            Files.move(temp, dir, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException | RuntimeException e) {
            try {
                Files.move(old, dir, StandardCopyOption.ATOMIC_MOVE); // put the old bundle back
            } catch (IOException restore) {
                e.addSuppressed(restore);
            }
            throw e;
        }
        deleteTree(old);
    }

    private static byte[] lines(List<String> lines) {
        StringBuilder s = new StringBuilder();
        lines.forEach(l -> s.append(l).append('\n'));
        return s.toString().getBytes(StandardCharsets.UTF_8);
    }

    private static boolean isEmpty(Path dir) throws IOException {
        try (Stream<Path> s = Files.list(dir)) {
            return s.findAny().isEmpty();
        }
    }

    private static void deleteTree(Path root) throws IOException {
        try (Stream<Path> walk = Files.walk(root)) {
            for (Path p : (Iterable<Path>) walk.sorted(Comparator.reverseOrder())::iterator) {
                try {
                    Files.delete(p);
                } catch (DirectoryNotEmptyException e) {
                    throw new IOException("cannot clean up " + root + ": " + e.getMessage(), e);
                }
            }
        }
    }
}
