package dev.netloom.hpo.storage;

/** A storage could not do what was asked: a database error, a refused file, a lost connection. */
public class StorageException extends RuntimeException {

    public StorageException(String message) {
        super(message);
    }

    public StorageException(String message, Throwable cause) {
        super(message, cause);
    }
}
