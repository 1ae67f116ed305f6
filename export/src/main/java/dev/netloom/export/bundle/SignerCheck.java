package dev.netloom.export.bundle;

import java.nio.file.Path;
import java.security.PublicKey;
import java.util.Optional;

/**
 * A bundle verified against the user's {@link TrustedKeys}: intact (every file as the manifest
 * lists it, the manifest as signed) and, separately, whether the signer is someone trusted.
 *
 * @param report the verification; against the trusted key when the bundle's key is one, else
 *               against the bundle's own key (integrity only)
 * @param signer the trusted key that signed it, if the signer is trusted
 * @param signerFingerprint the fingerprint of the key the bundle carries, when it carries a readable one
 */
public record SignerCheck(VerifyReport report, Optional<TrustedKey> signer, Optional<String> signerFingerprint) {

    /**
     * Verifies a bundle and looks its signer up in the trust store. The bundle's key is only
     * a claim: when it names a trusted key the signature is checked against that trusted key,
     * so a swapped file fails rather than being believed.
     */
    public static SignerCheck of(Path dirOrZip, TrustedKeys trust) {
        Optional<PublicKey> bundled = BundleVerifier.bundledKey(dirOrZip);
        Optional<TrustedKey> known = bundled.flatMap(trust::find);
        VerifyReport report = BundleVerifier.verify(dirOrZip, known.map(TrustedKey::key));
        return new SignerCheck(report, report.ok() ? known : Optional.empty(), bundled.map(SigningKey::fingerprint));
    }

    /** Intact and signed by a trusted key. */
    public boolean trusted() {
        return report.ok() && report.trust() == VerifyReport.Trust.TRUSTED_KEY && signer.isPresent();
    }

    /** Who signed it, in one line: the trusted key's name, or the unknown key's fingerprint. */
    public String signerLine() {
        if (!report.ok()) {
            return "not verified: the bundle has problems";
        }
        return signer.map(s -> "signed by " + s.describe() + ", a trusted key")
                .orElse("signed by an untrusted key " + signerFingerprint.orElse("?"));
    }
}
