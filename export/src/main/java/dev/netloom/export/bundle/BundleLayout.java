package dev.netloom.export.bundle;

import dev.netloom.devices.ExampleFamily;
import java.util.Set;

/** The names of the files in a bundle. Examples are named by {@link ExampleFamily#fileName()}. */
public final class BundleLayout {

    /** The model. */
    public static final String MODEL = "model.onnx";
    /** The manifest, whose exact bytes are signed. */
    public static final String MANIFEST = "manifest.json";
    /** The detached Ed25519 signature of {@link #MANIFEST}, Base64 on one line. */
    public static final String SIGNATURE = "manifest.sig";
    /** The public half of the signing key, X.509 SubjectPublicKeyInfo PEM. */
    public static final String PUBLIC_KEY = "signing-key.pub";
    /** Class names, one per line, in output order. */
    public static final String LABELS = "labels.txt";
    /** Tokens in id order, one per line; only when the model reads text. */
    public static final String VOCAB = "vocab.txt";
    /** How to run the model on the device. */
    public static final String README = "README.md";

    /**
     * Files the manifest cannot list: itself, and the signature made of it. Everything else in a
     * bundle must be listed, so nothing can be slipped in beside a valid signature.
     */
    public static final Set<String> UNLISTED = Set.of(MANIFEST, SIGNATURE);

    private BundleLayout() {
    }
}
