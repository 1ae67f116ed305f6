package dev.netloom.app;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** A Netloom home for the tests of one JVM, so no test writes to the person's ~/.netloom. */
public final class TestHome {

    /** A temporary folder made once per test JVM. */
    public static final Path PATH = create();

    private TestHome() {
    }

    private static Path create() {
        try {
            return Files.createTempDirectory("netloom-test-home");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
