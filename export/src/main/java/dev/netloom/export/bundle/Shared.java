package dev.netloom.export.bundle;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFilePermissions;

/**
 * Permissions for what is meant to be shared. Java makes temporary files and folders readable by
 * the owner only; a bundle, its zip and a public key renamed from them would keep that.
 */
final class Shared {

    private Shared() {
    }

    /** {@code rwxr-xr-x} for a folder, {@code rw-r--r--} for a file, where the file system has POSIX permissions. */
    static void readableByAll(Path p) throws IOException {
        if (Files.getFileAttributeView(p, PosixFileAttributeView.class) != null) {
            Files.setPosixFilePermissions(p, PosixFilePermissions.fromString(Files.isDirectory(p) ? "rwxr-xr-x" : "rw-r--r--"));
        }
    }
}
