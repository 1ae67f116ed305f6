package dev.netloom.export.bundle;

import dev.netloom.graph.files.AtomicWrite;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.PublicKey;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The keys a user trusts to sign bundles: one PEM file per key, {@code NAME.pub}, in a folder
 * ({@code ~/.netloom/trusted-keys/}), plus this studio's own signing key, trusted without being
 * listed there (it signs this user's own bundles).
 *
 * <p>A bundle whose signature checks out against the key inside it proves only that the files are
 * as the signer left them; it is the signer's key being in this store that says who signed it.
 */
public final class TrustedKeys {

    /** The folder's name in the Netloom home. */
    public static final String FOLDER = "trusted-keys";
    /** The name this studio's own key goes by. */
    public static final String OWN = "own";
    private static final String SUFFIX = ".pub";
    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,63}");
    private static final int MAX_KEY_FILE = 64 * 1024;

    private final Path dir;
    private final Optional<PublicKey> own;

    /**
     * @param dir the folder of trusted keys (need not exist yet)
     * @param own this studio's signing key, trusted by default; empty when it has none yet
     */
    public TrustedKeys(Path dir, Optional<PublicKey> own) {
        this.dir = dir;
        this.own = own;
    }

    /**
     * The store in a Netloom home: {@code HOME/trusted-keys}, with the public key in
     * {@code HOME/keys} (when the studio has made one) trusted as its own. Nothing is created.
     */
    public static TrustedKeys inHome(Path home) {
        Path ownPublic = home.resolve("keys").resolve(SigningKey.PUBLIC_FILE);
        Optional<PublicKey> own = Optional.empty();
        if (Files.isRegularFile(ownPublic)) {
            try {
                own = Optional.of(SigningKey.readPublicKey(ownPublic));
            } catch (IOException e) {
                // A broken own key trusts nothing; exporting will say what is wrong with it.
            }
        }
        return new TrustedKeys(home.resolve(FOLDER), own);
    }

    /** The folder the keys are kept in. */
    public Path folder() {
        return dir;
    }

    /** Every trusted key: this studio's own first, then the folder's by name. Unreadable files are left out (see {@link #problems()}). */
    public List<TrustedKey> list() {
        List<TrustedKey> keys = new ArrayList<>();
        own.ifPresent(k -> keys.add(new TrustedKey(OWN, k)));
        for (Path file : files()) {
            try {
                keys.add(new TrustedKey(nameOf(file), read(file)));
            } catch (IOException e) {
                // listed by problems()
            }
        }
        return keys;
    }

    /** One line per file in the folder that is not a readable Ed25519 public key. */
    public List<String> problems() {
        List<String> out = new ArrayList<>();
        for (Path file : files()) {
            try {
                read(file);
            } catch (IOException e) {
                out.add(file + ": " + e.getMessage() + " (it is not trusted)");
            }
        }
        return out;
    }

    /** The trusted key equal to {@code key} (the whole key, not just its fingerprint), if any. */
    public Optional<TrustedKey> find(PublicKey key) {
        return list().stream().filter(t -> Arrays.equals(t.key().getEncoded(), key.getEncoded())).findFirst();
    }

    /**
     * Trusts the public key in {@code pemFile} under {@code name} (empty: the file's name without
     * its extension). Written whole: a temporary file renamed into place.
     *
     * @throws TrustException when the file is not an Ed25519 public key, the name is taken or not
     *                        a plain name, or the key is trusted already (under which name)
     */
    public TrustedKey add(Path pemFile, Optional<String> name) throws TrustException, IOException {
        PublicKey key;
        try {
            key = read(pemFile);
        } catch (java.nio.file.NoSuchFileException e) {
            throw new TrustException(pemFile + ": no such file");
        }
        String chosen = name.orElseGet(() -> defaultName(pemFile));
        if (!NAME.matcher(chosen).matches() || chosen.equals(OWN)) {
            throw new TrustException("'" + chosen + "' cannot name a key: use letters, digits, '.', '_' or '-' "
                    + "(up to 64, not '" + OWN + "'); choose one with --name");
        }
        Optional<TrustedKey> already = find(key);
        if (already.isPresent()) {
            throw new TrustException("this key is trusted already, as " + already.get().describe());
        }
        Path target = dir.resolve(chosen + SUFFIX);
        if (Files.exists(target)) {
            throw new TrustException("a trusted key is named '" + chosen + "' already; choose another with --name");
        }
        AtomicWrite.write(target, AtomicWrite.Access.OWNER_ONLY, SigningKey.pemPublic(key).getBytes(StandardCharsets.US_ASCII));
        return new TrustedKey(chosen, key);
    }

    /**
     * Stops trusting the key with this name or fingerprint ({@code SHA256:…}, or its hex digits).
     *
     * @throws TrustException when no key matches, or it is this studio's own key
     */
    public TrustedKey remove(String nameOrFingerprint) throws TrustException, IOException {
        String wanted = nameOrFingerprint.strip();
        String hex = wanted.startsWith("SHA256:") ? wanted.substring(7) : wanted;
        for (TrustedKey t : list()) {
            boolean match = t.name().equals(wanted) || t.fingerprint().substring(7).equalsIgnoreCase(hex);
            if (!match) {
                continue;
            }
            if (t.own()) {
                throw new TrustException("this studio's own key " + t.fingerprint() + " is always trusted; it signs "
                        + "your own bundles");
            }
            Files.delete(dir.resolve(t.name() + SUFFIX));
            return t;
        }
        throw new TrustException("no trusted key is named or has the fingerprint '" + wanted + "' (see netloom keys list)");
    }

    private List<Path> files() {
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        List<Path> out = new ArrayList<>();
        try (DirectoryStream<Path> s = Files.newDirectoryStream(dir, "*" + SUFFIX)) {
            for (Path p : s) {
                if (Files.isRegularFile(p) && !p.getFileName().toString().startsWith(".")) {
                    out.add(p);
                }
            }
        } catch (IOException e) {
            return List.of();
        }
        out.sort(Comparator.comparing(p -> p.getFileName().toString()));
        return out;
    }

    private static String nameOf(Path file) {
        String n = file.getFileName().toString();
        return n.substring(0, n.length() - SUFFIX.length());
    }

    private static String defaultName(Path file) {
        String n = file.getFileName().toString();
        int dot = n.lastIndexOf('.');
        return dot > 0 ? n.substring(0, dot) : n;
    }

    /** A public key from a small regular file; one-line reasons otherwise. */
    private static PublicKey read(Path file) throws IOException {
        if (Files.exists(file) && !Files.isRegularFile(file)) {
            throw new IOException("not a regular file");
        }
        if (Files.size(file) > MAX_KEY_FILE) {
            throw new IOException("larger than " + MAX_KEY_FILE + " bytes; not a public key file");
        }
        // Latin-1 reads any bytes: a file that is not PEM fails as "no PUBLIC KEY block", in our words.
        String text = Files.readString(file, StandardCharsets.ISO_8859_1);
        try {
            return SigningKey.parsePublicKey(text);
        } catch (IllegalArgumentException e) {
            throw new IOException(e.getMessage());
        }
    }
}
