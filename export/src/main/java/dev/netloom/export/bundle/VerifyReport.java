package dev.netloom.export.bundle;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * What {@link BundleVerifier} found.
 *
 * @param ok             true when every listed file matches, nothing is missing or extra, and
 *                       the signature is valid (by the trusted key, when one was given)
 * @param findings       what is wrong, one line each, naming the file; empty when ok
 * @param filesMatched   how many files listed in the manifest matched their size and SHA-256
 * @param keyFingerprint the fingerprint of the key the signature was checked with, if one was
 * @param trust          what the signature check proves
 * @param manifest       the manifest, when it could be read
 */
public record VerifyReport(boolean ok, List<Finding> findings, int filesMatched, Optional<String> keyFingerprint,
                           Trust trust, Optional<Manifest> manifest) {

    public VerifyReport {
        findings = List.copyOf(findings);
        Objects.requireNonNull(keyFingerprint, "keyFingerprint");
        Objects.requireNonNull(trust, "trust");
        Objects.requireNonNull(manifest, "manifest");
        if (ok && !findings.isEmpty()) {
            throw new IllegalArgumentException("a report with findings is not ok");
        }
    }

    /** What a valid signature proves. */
    public enum Trust {
        /** The signature is valid and made by the key the caller trusts: intact, and from who they think. */
        TRUSTED_KEY,
        /**
         * The signature is valid for the key shipped inside the bundle: the files are as the
         * signer left them, but anyone can make a key, so this does not say who the signer was.
         */
        BUNDLED_KEY,
        /** No valid signature was found. */
        NONE
    }

    /**
     * One problem with one file.
     *
     * @param file    the file's name in the bundle (control characters escaped)
     * @param problem what is wrong with it, one line
     */
    public record Finding(String file, String problem) {
        public Finding {
            file = ManifestFormatException.oneLine(file);
            problem = ManifestFormatException.oneLine(problem);
        }

        /** {@code file: problem}. */
        @Override
        public String toString() {
            return file + ": " + problem;
        }
    }

    /**
     * The one-line verdict when ok: {@code OK: 6 files match their checksums; signature valid
     * (key SHA256:…)}; otherwise the number of findings.
     */
    public String summary() {
        if (!ok) {
            return "INVALID: " + findings.size() + (findings.size() == 1 ? " problem" : " problems");
        }
        return "OK: " + filesMatched + (filesMatched == 1 ? " file matches its checksum" : " files match their checksums")
                + "; signature valid (key " + keyFingerprint.orElse("?") + ")";
    }

    /** A plain sentence on what the check proves, for the line after {@link #summary()}. */
    public String trustNote() {
        return switch (trust) {
            case TRUSTED_KEY -> "Signed by the trusted key: the bundle is intact and comes from its holder.";
            case BUNDLED_KEY -> "Checked against the key inside the bundle: the files are intact as signed, but this "
                    + "does not prove who signed them; pass the signer's public key to check that.";
            case NONE -> "The signature was not verified.";
        };
    }
}
