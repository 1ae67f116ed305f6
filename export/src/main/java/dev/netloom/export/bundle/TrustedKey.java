package dev.netloom.export.bundle;

import java.security.PublicKey;
import java.util.Objects;

/**
 * A public key the user trusts to sign bundles.
 *
 * @param name what the user called it ({@code alice}, {@code ci}); {@link TrustedKeys#OWN} for
 *             this studio's own signing key
 * @param key  the Ed25519 public key
 */
public record TrustedKey(String name, PublicKey key) {

    public TrustedKey {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(key, "key");
    }

    /** The key's fingerprint, {@code SHA256:} and 16 hex digits. */
    public String fingerprint() {
        return SigningKey.fingerprint(key);
    }

    /** True for this studio's own signing key. */
    public boolean own() {
        return name.equals(TrustedKeys.OWN);
    }

    /** How a person reads it: {@code 'alice' (SHA256:…)} or {@code this studio's own key (SHA256:…)}. */
    public String describe() {
        return (own() ? "this studio's own key" : "'" + name + "'") + " (" + fingerprint() + ")";
    }
}
