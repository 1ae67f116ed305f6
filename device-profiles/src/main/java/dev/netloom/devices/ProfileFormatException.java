package dev.netloom.devices;

/**
 * A profile file that cannot be used. The message is one line that names the file and the JSON
 * path, for example {@code my-phone.json: $.memory.bandwidthGBps: expected a positive number, got "fast"}.
 */
public final class ProfileFormatException extends Exception {

    private static final long serialVersionUID = 1L;

    public ProfileFormatException(String message) {
        super(message);
    }

    public ProfileFormatException(String message, Throwable cause) {
        super(message, cause);
    }
}
