package dev.netloom.export.bundle;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.PublicKey;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.zip.ZipException;

/**
 * Checks a bundle, folder or zip, against its manifest and the manifest against its signature.
 *
 * <p>The trust model: the manifest lists the size and SHA-256 of every other file, and
 * {@code manifest.sig} is an Ed25519 signature of the manifest's exact bytes. So a valid
 * signature over a manifest whose checksums all match proves that no file was changed, added or
 * removed since signing. Checked against {@code signing-key.pub} from the bundle itself, that
 * proves integrity only (whoever changed the files could have re-signed with a new key). Checked
 * against a key the caller already trusts, it also proves who signed it.
 *
 * <p>Nothing is extracted and no link is followed; entries are read with size limits, so a
 * hostile bundle costs bounded time and memory.
 */
public final class BundleVerifier {

    /** The largest model file read: ONNX protobuf files stop at 2 GiB. */
    static final long MAX_FILE_BYTES = (2L << 30) + (1 << 20);
    private static final int MAX_SMALL_FILE = 64 * 1024;

    private BundleVerifier() {
    }

    /**
     * Verifies a bundle.
     *
     * @param dirOrZip the bundle folder, or its zip
     * @param trusted  the public key the bundle must be signed by; empty to check against the key
     *                 shipped in the bundle (integrity only)
     * @return the report; problems with the bundle are findings, never exceptions
     */
    public static VerifyReport verify(Path dirOrZip, Optional<PublicKey> trusted) {
        String shown = String.valueOf(dirOrZip.getFileName());
        if (!Files.exists(dirOrZip)) {
            return failed(new VerifyReport.Finding(shown, "no such file or folder"));
        }
        BundleSource source;
        try {
            source = Files.isDirectory(dirOrZip) ? BundleSource.folder(dirOrZip) : BundleZip.open(dirOrZip);
        } catch (ZipException e) {
            return failed(new VerifyReport.Finding(shown, "neither a bundle folder nor a readable zip (" + e.getMessage() + ")"));
        } catch (IOException | RuntimeException e) {
            return failed(new VerifyReport.Finding(shown, "cannot be read: " + e.getMessage()));
        }
        try (source) {
            return new Check(source, trusted).run();
        } catch (IOException e) {
            return failed(new VerifyReport.Finding(shown, "cannot be read: " + e.getMessage()));
        }
    }

    /**
     * The public key shipped inside a bundle ({@code signing-key.pub}), unchecked: which key
     * claims to have signed it. Empty when it is missing or unreadable ({@link #verify} says why).
     */
    public static Optional<PublicKey> bundledKey(Path dirOrZip) {
        if (!Files.exists(dirOrZip)) {
            return Optional.empty();
        }
        try (BundleSource source = Files.isDirectory(dirOrZip) ? BundleSource.folder(dirOrZip) : BundleZip.open(dirOrZip)) {
            if (!source.files().contains(BundleLayout.PUBLIC_KEY)) {
                return Optional.empty();
            }
            try (InputStream in = source.open(BundleLayout.PUBLIC_KEY)) {
                byte[] bytes = in.readNBytes(MAX_SMALL_FILE + 1);
                if (bytes.length > MAX_SMALL_FILE) {
                    return Optional.empty();
                }
                return Optional.of(SigningKey.parsePublicKey(new String(bytes, StandardCharsets.US_ASCII)));
            }
        } catch (IOException | RuntimeException e) {
            return Optional.empty();
        }
    }

    private static VerifyReport failed(VerifyReport.Finding f) {
        return new VerifyReport(false, List.of(f), 0, Optional.empty(), VerifyReport.Trust.NONE, Optional.empty());
    }

    /** One verification: collects findings instead of stopping at the first. */
    private static final class Check {
        private final BundleSource source;
        private final Optional<PublicKey> trusted;
        private final List<VerifyReport.Finding> findings = new ArrayList<>();

        Check(BundleSource source, Optional<PublicKey> trusted) {
            this.source = source;
            this.trusted = trusted;
        }

        private void find(String file, String problem) {
            findings.add(new VerifyReport.Finding(file, problem));
        }

        VerifyReport run() {
            findings.addAll(source.problems());
            byte[] manifestBytes = small(BundleLayout.MANIFEST, ManifestFile.MAX_BYTES);
            byte[] sigBytes = small(BundleLayout.SIGNATURE, MAX_SMALL_FILE);
            byte[] keyBytes = small(BundleLayout.PUBLIC_KEY, MAX_SMALL_FILE);

            // The key: the trusted one if given (and the bundled one must be it), else the bundled one.
            PublicKey bundled = null;
            if (keyBytes != null) {
                try {
                    bundled = SigningKey.parsePublicKey(new String(keyBytes, StandardCharsets.US_ASCII));
                } catch (IllegalArgumentException e) {
                    find(BundleLayout.PUBLIC_KEY, e.getMessage());
                }
            }
            if (trusted.isPresent() && bundled != null
                    && !Arrays.equals(trusted.get().getEncoded(), bundled.getEncoded())) {
                find(BundleLayout.PUBLIC_KEY, "not the trusted key (" + SigningKey.fingerprint(bundled)
                        + ", trusted " + SigningKey.fingerprint(trusted.get()) + ")");
            }
            PublicKey key = trusted.orElse(bundled);
            boolean signed = false;
            if (manifestBytes != null && sigBytes != null && key != null) {
                byte[] signature = null;
                try {
                    signature = Base64.getDecoder().decode(new String(sigBytes, StandardCharsets.US_ASCII).strip());
                } catch (IllegalArgumentException e) {
                    find(BundleLayout.SIGNATURE, "not a Base64 Ed25519 signature");
                }
                if (signature != null) {
                    signed = SigningKey.verify(key, manifestBytes, signature);
                    if (!signed) {
                        find(BundleLayout.MANIFEST, trusted.isPresent()
                                ? "the signature does not match the trusted key — the manifest was changed after "
                                + "signing, or someone else signed it"
                                : "the signature does not match — the manifest was changed after signing");
                    }
                }
            }

            Manifest manifest = null;
            if (manifestBytes != null) {
                try {
                    manifest = ManifestFile.parse(manifestBytes, BundleLayout.MANIFEST);
                } catch (ManifestFormatException e) {
                    find(BundleLayout.MANIFEST, e.getMessage().substring(e.source().length() + 2));
                }
            }
            int matched = 0;
            if (manifest != null) {
                for (Map.Entry<String, Manifest.FileEntry> e : manifest.files().entrySet()) {
                    if (matches(e.getKey(), e.getValue())) {
                        matched++;
                    }
                }
                for (String name : source.files()) {
                    if (!manifest.files().containsKey(name) && !BundleLayout.UNLISTED.contains(name)) {
                        find(name, "not listed in the manifest");
                    }
                }
            }
            boolean ok = findings.isEmpty() && signed && manifest != null;
            VerifyReport.Trust trust = !signed ? VerifyReport.Trust.NONE
                    : trusted.isPresent() ? VerifyReport.Trust.TRUSTED_KEY : VerifyReport.Trust.BUNDLED_KEY;
            return new VerifyReport(ok, findings, matched,
                    key == null ? Optional.empty() : Optional.of(SigningKey.fingerprint(key)), trust,
                    Optional.ofNullable(manifest));
        }

        // A small file's bytes, or null (with a finding) when it is missing, too big or unreadable.
        private byte[] small(String name, int limit) {
            if (!source.files().contains(name)) {
                find(name, "missing");
                return null;
            }
            try (InputStream in = source.open(name)) {
                byte[] bytes = in.readNBytes(limit + 1);
                if (bytes.length > limit) {
                    find(name, "larger than " + limit + " bytes; not a bundle's " + name);
                    return null;
                }
                return bytes;
            } catch (IOException e) {
                find(name, "cannot be read: " + e.getMessage());
                return null;
            }
        }

        private boolean matches(String name, Manifest.FileEntry expected) {
            if (!source.files().contains(name)) {
                find(name, "missing");
                return false;
            }
            Sha256.Hashed actual;
            // Read at most one byte more than the manifest promises: enough to see a difference, and a
            // zip bomb stops there.
            try (InputStream in = source.open(name)) {
                actual = Sha256.of(in, Math.min(expected.bytes() + 1, MAX_FILE_BYTES));
            } catch (IOException e) {
                if (e.getMessage() != null && e.getMessage().startsWith("larger than")) {
                    find(name, "SHA-256 differs from the manifest — the file was changed after export");
                } else {
                    find(name, "cannot be read: " + e.getMessage());
                }
                return false;
            }
            if (actual.bytes() != expected.bytes() || !actual.sha256().equals(expected.sha256())) {
                find(name, "SHA-256 differs from the manifest — the file was changed after export");
                return false;
            }
            return true;
        }
    }
}
