package dev.netloom.export.bundle;

/** A trust-store request that cannot be done, with the one-line reason. */
public final class TrustException extends Exception {

    public TrustException(String message) {
        super(message);
    }
}
