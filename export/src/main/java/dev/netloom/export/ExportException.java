package dev.netloom.export;

/**
 * Why an export could not be done, in one line that names the file, tensor, node or device
 * concerned. Nothing is written when one is thrown.
 */
public class ExportException extends RuntimeException {

    public ExportException(String message) {
        super(message);
    }

    public ExportException(String message, Throwable cause) {
        super(message, cause);
    }
}
