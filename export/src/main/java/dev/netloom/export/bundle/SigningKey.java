package dev.netloom.export.bundle;

import dev.netloom.graph.files.AtomicWrite;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.InvalidKeyException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.SecureRandom;
import java.security.Signature;
import java.security.SignatureException;
import java.security.interfaces.EdECPrivateKey;
import java.security.spec.NamedParameterSpec;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.X509EncodedKeySpec;
import java.util.Arrays;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Set;

/**
 * The Ed25519 key pair bundles are signed with, using only the JDK's own provider.
 *
 * <p>{@link #defaultKey()} keeps one pair per user in {@code ~/.netloom/keys/}:
 * {@code bundle-signing.key} (PKCS#8 PEM, readable by the owner only where the file system has
 * POSIX permissions) and {@code bundle-signing.pub} (X.509 SubjectPublicKeyInfo PEM), made on
 * first use. {@link #inDirectory} does the same in any folder (tests use a temporary one).
 * {@link #toString()} shows the fingerprint only: the private key is never printed or logged.
 */
public final class SigningKey {

    /** The private key's file name in a key folder. */
    public static final String PRIVATE_FILE = "bundle-signing.key";
    /** The public key's file name in a key folder. */
    public static final String PUBLIC_FILE = "bundle-signing.pub";

    private static final String ALGORITHM = "Ed25519";

    private final PrivateKey privateKey;
    private final PublicKey publicKey;

    private SigningKey(PrivateKey privateKey, PublicKey publicKey) {
        this.privateKey = privateKey;
        this.publicKey = publicKey;
    }

    /** A fresh key pair that lives only in memory. */
    public static SigningKey generate() {
        try {
            KeyPair pair = KeyPairGenerator.getInstance(ALGORITHM).generateKeyPair();
            return new SigningKey(pair.getPrivate(), pair.getPublic());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("the JDK provides Ed25519 since Java 15", e);
        }
    }

    /** The user's key pair in {@code ~/.netloom/keys}, made on first use. */
    public static SigningKey defaultKey() throws IOException {
        return inDirectory(Path.of(System.getProperty("user.home"), ".netloom", "keys"));
    }

    /**
     * The key pair kept in {@code dir}, made (with the folder) on first use.
     *
     * @throws IOException if the files cannot be read or written, or do not hold an Ed25519 pair
     *                     that belongs together
     */
    public static SigningKey inDirectory(Path dir) throws IOException {
        Path privateFile = dir.resolve(PRIVATE_FILE);
        Path publicFile = dir.resolve(PUBLIC_FILE);
        if (!Files.exists(privateFile)) {
            if (!Files.isDirectory(dir)) {
                Files.createDirectories(dir);
                // A folder made for keys is the owner's alone; an existing folder's permissions are left as they are.
                if (Files.getFileAttributeView(dir, java.nio.file.attribute.PosixFileAttributeView.class) != null) {
                    Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwx------"));
                }
            }
            SigningKey fresh = generate();
            try {
                writeOwnerOnly(privateFile, pem("PRIVATE KEY", fresh.privateKey.getEncoded()));
            } catch (FileAlreadyExistsException raced) {
                return inDirectory(dir); // another process made the key first: use that one
            }
            writeAtomically(publicFile, fresh.publicKeyPem().getBytes(StandardCharsets.US_ASCII));
            return fresh;
        }
        PrivateKey privateKey;
        try {
            privateKey = KeyFactory.getInstance(ALGORITHM)
                    .generatePrivate(new PKCS8EncodedKeySpec(unpem(Files.readString(privateFile, StandardCharsets.US_ASCII),
                            "PRIVATE KEY", privateFile)));
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            throw new IOException(privateFile + ": not an Ed25519 private key in PKCS#8 PEM");
        }
        PublicKey derived = publicKeyOf(privateKey);
        if (!Files.exists(publicFile)) {
            writeAtomically(publicFile, pemPublic(derived).getBytes(StandardCharsets.US_ASCII));
        } else if (!Arrays.equals(readPublicKey(publicFile).getEncoded(), derived.getEncoded())) {
            throw new IOException(publicFile + ": does not belong to " + privateFile.getFileName());
        }
        return new SigningKey(privateKey, derived);
    }

    /** The public half, to check signatures with. */
    public PublicKey publicKey() {
        return publicKey;
    }

    /** The public key as X.509 SubjectPublicKeyInfo PEM, as written to {@code signing-key.pub}. */
    public String publicKeyPem() {
        return pemPublic(publicKey);
    }

    /** A short fingerprint of the public key, see {@link #fingerprint(PublicKey)}. */
    public String fingerprint() {
        return fingerprint(publicKey);
    }

    /** The Ed25519 signature (64 bytes) of {@code data}. */
    public byte[] sign(byte[] data) {
        try {
            Signature s = Signature.getInstance(ALGORITHM);
            s.initSign(privateKey);
            s.update(data);
            return s.sign();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("signing with a valid Ed25519 key cannot fail", e);
        }
    }

    /** Whether {@code signature} is {@code key}'s Ed25519 signature of {@code data}; false for any malformed input. */
    public static boolean verify(PublicKey key, byte[] data, byte[] signature) {
        try {
            Signature s = Signature.getInstance(ALGORITHM);
            s.initVerify(key);
            s.update(data);
            return s.verify(signature);
        } catch (InvalidKeyException | SignatureException e) {
            return false;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("the JDK provides Ed25519 since Java 15", e);
        }
    }

    /**
     * {@code SHA256:} and the first 16 hex digits of the SHA-256 of the key's DER encoding:
     * enough to tell keys apart when a person compares two of them by eye.
     */
    public static String fingerprint(PublicKey key) {
        return "SHA256:" + Sha256.hex(key.getEncoded()).substring(0, 16);
    }

    /** Reads an Ed25519 public key from an X.509 SubjectPublicKeyInfo PEM file. */
    public static PublicKey readPublicKey(Path file) throws IOException {
        String text = Files.readString(file, StandardCharsets.US_ASCII);
        try {
            return parsePublicKey(text);
        } catch (IllegalArgumentException e) {
            throw new IOException(file + ": " + e.getMessage());
        }
    }

    /**
     * Parses an Ed25519 public key from PEM text.
     *
     * @throws IllegalArgumentException with a one-line reason if it is not one
     */
    public static PublicKey parsePublicKey(String pemText) {
        byte[] der = unpem(pemText, "PUBLIC KEY", null);
        try {
            PublicKey key = KeyFactory.getInstance(ALGORITHM).generatePublic(new X509EncodedKeySpec(der));
            if (!ALGORITHM.equalsIgnoreCase(key.getAlgorithm()) && !"EdDSA".equalsIgnoreCase(key.getAlgorithm())) {
                throw new IllegalArgumentException("not an Ed25519 public key");
            }
            return key;
        } catch (GeneralSecurityException | ClassCastException e) {
            throw new IllegalArgumentException("not an Ed25519 public key in X.509 PEM");
        }
    }

    /** The PEM text of a public key. */
    public static String pemPublic(PublicKey key) {
        return pem("PUBLIC KEY", key.getEncoded());
    }

    @Override
    public String toString() {
        return "SigningKey[Ed25519 " + fingerprint() + "]";
    }

    // The JDK has no "public key of this private key" call; generating with a random source that
    // yields the private scalar reproduces the pair (an Ed25519 private key is 32 random bytes).
    private static PublicKey publicKeyOf(PrivateKey privateKey) throws IOException {
        if (!(privateKey instanceof EdECPrivateKey ed) || ed.getBytes().isEmpty()) {
            throw new IOException("not an Ed25519 private key");
        }
        byte[] seed = ed.getBytes().get();
        try {
            KeyPairGenerator g = KeyPairGenerator.getInstance(ALGORITHM);
            g.initialize(NamedParameterSpec.ED25519, new SecureRandom() {
                @Override
                public void nextBytes(byte[] bytes) {
                    System.arraycopy(seed, 0, bytes, 0, Math.min(seed.length, bytes.length));
                }
            });
            KeyPair pair = g.generateKeyPair();
            if (!Arrays.equals(pair.getPrivate().getEncoded(), privateKey.getEncoded())) {
                throw new IOException("cannot derive the public key of this private key");
            }
            return pair.getPublic();
        } catch (GeneralSecurityException e) {
            throw new IOException("cannot derive the public key: " + e.getMessage());
        } finally {
            Arrays.fill(seed, (byte) 0);
        }
    }

    private static String pem(String type, byte[] der) {
        String body = Base64.getMimeEncoder(64, new byte[] {'\n'}).encodeToString(der);
        return "-----BEGIN " + type + "-----\n" + body + "\n-----END " + type + "-----\n";
    }

    private static byte[] unpem(String text, String type, Path file) {
        String begin = "-----BEGIN " + type + "-----";
        String end = "-----END " + type + "-----";
        int b = text.indexOf(begin);
        int e = text.indexOf(end);
        if (b < 0 || e < b) {
            throw new IllegalArgumentException("no " + begin + " block" + (file == null ? "" : " in " + file));
        }
        try {
            return Base64.getMimeDecoder().decode(text.substring(b + begin.length(), e));
        } catch (IllegalArgumentException bad) {
            throw new IllegalArgumentException("the " + type + " block is not Base64");
        }
    }

    // The private key is created with owner-only permissions from the start, so it is never readable by others, even briefly.
    private static void writeOwnerOnly(Path file, String text) throws IOException {
        boolean posix = Files.getFileAttributeView(file.getParent(), java.nio.file.attribute.PosixFileAttributeView.class) != null;
        Path temp;
        if (posix) {
            FileAttribute<Set<PosixFilePermission>> ownerOnly =
                    PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------"));
            temp = Files.createTempFile(file.getParent(), ".bundle-signing", ".tmp", ownerOnly);
        } else {
            temp = Files.createTempFile(file.getParent(), ".bundle-signing", ".tmp");
        }
        try {
            Files.writeString(temp, text, StandardCharsets.US_ASCII);
            // A hard link is an atomic "create if absent": if another process made a key meanwhile, keep theirs.
            try {
                Files.createLink(file, temp);
            } catch (FileAlreadyExistsException e) {
                throw e;
            } catch (UnsupportedOperationException | java.nio.file.FileSystemException noLinks) {
                Files.move(temp, file); // fails if the file exists; not atomic, but never replaces a key
            }
        } finally {
            Files.deleteIfExists(temp);
        }
    }

    private static void writeAtomically(Path file, byte[] bytes) throws IOException {
        AtomicWrite.write(file, AtomicWrite.Access.SHARED, bytes); // the public key is for everyone
    }
}
