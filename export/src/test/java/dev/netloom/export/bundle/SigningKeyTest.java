package dev.netloom.export.bundle;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFilePermissions;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The signing key pair: made once, kept private, read back the same. */
class SigningKeyTest {

    @TempDir
    Path dir;

    @Test
    void madeOnFirstUseThenReadBack() throws IOException {
        Path keys = dir.resolve("keys");
        SigningKey first = SigningKey.inDirectory(keys);
        assertThat(Files.readString(keys.resolve("bundle-signing.key"))).startsWith("-----BEGIN PRIVATE KEY-----\n");
        assertThat(Files.readString(keys.resolve("bundle-signing.pub"))).startsWith("-----BEGIN PUBLIC KEY-----\n")
                .isEqualTo(first.publicKeyPem());
        if (Files.getFileAttributeView(keys, PosixFileAttributeView.class) != null) {
            assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(keys.resolve("bundle-signing.key"))))
                    .isEqualTo("rw-------");
        }
        SigningKey again = SigningKey.inDirectory(keys);
        assertThat(again.publicKey().getEncoded()).isEqualTo(first.publicKey().getEncoded());
        byte[] data = "manifest".getBytes(StandardCharsets.UTF_8);
        assertThat(SigningKey.verify(first.publicKey(), data, again.sign(data))).isTrue();
        try (var s = Files.list(keys)) {
            assertThat(s.map(p -> p.getFileName().toString())).containsExactlyInAnyOrder("bundle-signing.key", "bundle-signing.pub");
        }
    }

    @Test
    void aLostPublicKeyIsRemadeAndAForeignOneRefused() throws IOException {
        SigningKey k = SigningKey.inDirectory(dir);
        Files.delete(dir.resolve("bundle-signing.pub"));
        assertThat(SigningKey.inDirectory(dir).fingerprint()).isEqualTo(k.fingerprint());
        assertThat(Files.readString(dir.resolve("bundle-signing.pub"))).isEqualTo(k.publicKeyPem());
        Files.writeString(dir.resolve("bundle-signing.pub"), SigningKey.generate().publicKeyPem());
        assertThatThrownBy(() -> SigningKey.inDirectory(dir)).isInstanceOf(IOException.class)
                .hasMessageContaining("does not belong to bundle-signing.key");
    }

    @Test
    void neverShowsThePrivateKey() throws IOException {
        SigningKey k = SigningKey.inDirectory(dir);
        String privatePem = Files.readString(dir.resolve("bundle-signing.key"));
        String body = privatePem.lines().filter(l -> !l.startsWith("-----")).findFirst().orElseThrow();
        assertThat(k.toString()).startsWith("SigningKey[Ed25519 SHA256:").doesNotContain(body);
        assertThat(k.fingerprint()).matches("SHA256:[0-9a-f]{16}");
    }

    @Test
    void badSignaturesAndKeysAreFalseOrOneLine() {
        SigningKey k = SigningKey.generate();
        assertThat(SigningKey.verify(k.publicKey(), new byte[] {1}, new byte[3])).isFalse();
        assertThatThrownBy(() -> SigningKey.parsePublicKey("hello")).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("no -----BEGIN PUBLIC KEY----- block");
        assertThat(SigningKey.parsePublicKey(k.publicKeyPem()).getEncoded()).isEqualTo(k.publicKey().getEncoded());
    }
}
