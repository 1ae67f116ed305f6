package dev.netloom.train.data;

import java.io.IOException;

/**
 * A project file's {@code data} section that cannot be used; the message is one line naming
 * the JSON path, for example {@code data.examples: must be a whole number from 1 to 10000000, got -5}.
 * An {@link IOException} so that callers treat "the data cannot be had" the same way whether the
 * section or the files are at fault.
 */
public class DataSectionException extends IOException {

    public DataSectionException(String message) {
        super(message);
    }
}
