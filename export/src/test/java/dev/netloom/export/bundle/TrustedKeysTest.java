package dev.netloom.export.bundle;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The trust store: files in a folder plus the studio's own key; whole keys compared, not fingerprints. */
class TrustedKeysTest {

    @TempDir
    Path dir;

    @Test
    void ownKeyIsTrustedOthersOnlyOnceAdded() throws Exception {
        SigningKey own = SigningKey.inDirectory(dir.resolve("home/keys"));
        SigningKey alice = SigningKey.inDirectory(dir.resolve("alice"));
        TrustedKeys store = TrustedKeys.inHome(dir.resolve("home"));
        assertThat(store.find(own.publicKey())).hasValueSatisfying(k -> assertThat(k.own()).isTrue());
        assertThat(store.find(alice.publicKey())).isEmpty();

        TrustedKey added = store.add(dir.resolve("alice/bundle-signing.pub"), Optional.of("alice"));
        assertThat(added.fingerprint()).isEqualTo(alice.fingerprint());
        assertThat(TrustedKeys.inHome(dir.resolve("home")).find(alice.publicKey())).hasValueSatisfying(
                k -> assertThat(k.name()).isEqualTo("alice"));
        assertThat(store.list()).extracting(TrustedKey::name).containsExactly("own", "alice");

        assertThatThrownBy(() -> store.add(dir.resolve("alice/bundle-signing.pub"), Optional.of("again")))
                .isInstanceOf(TrustException.class).hasMessageContaining("trusted already, as 'alice'");
        assertThatThrownBy(() -> store.add(dir.resolve("alice/bundle-signing.pub"), Optional.of("../escape")))
                .isInstanceOf(TrustException.class).hasMessageContaining("cannot name a key");
        assertThatThrownBy(() -> store.remove("own")).isInstanceOf(TrustException.class)
                .hasMessageContaining("always trusted");

        assertThat(store.remove(alice.fingerprint()).name()).isEqualTo("alice");
        assertThat(store.find(alice.publicKey())).isEmpty();
        assertThatThrownBy(() -> store.remove("alice")).isInstanceOf(TrustException.class)
                .hasMessageContaining("no trusted key");
    }

    @Test
    void aBrokenKeyFileTrustsNothingAndIsListedAsAProblem() throws Exception {
        TrustedKeys store = new TrustedKeys(dir.resolve("trusted"), Optional.empty());
        Files.createDirectories(dir.resolve("trusted"));
        Files.write(dir.resolve("trusted/junk.pub"), new byte[] {(byte) 0xff, 0, 1, 2});
        assertThat(store.list()).isEmpty();
        assertThat(store.problems()).singleElement().asString().contains("junk.pub", "not trusted")
                .doesNotContain("Exception");
    }
}
