package dev.netloom.graph.files;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Set;

/**
 * The one way files are written so that a process killed at any moment leaves either the old file
 * or the new one, whole: the content goes to a temporary file in the same folder (named with
 * {@link WriteLeftovers#prefix}, so the next write removes it if the process died), the file is
 * flushed to disk ({@code fsync}), renamed over the target in one step, and the folder is flushed
 * so the rename itself survives a power cut.
 */
public final class AtomicWrite {

    /** Who may read the written file. */
    public enum Access {
        /** Only its owner (rw-------): keys, the workspace, checkpoints, the measured device profile. */
        OWNER_ONLY,
        /** Everyone may read it (rw-r--r--): bundles and public keys, meant to be shared. */
        SHARED,
        /** What the file it replaces had, or rw-r--r-- when it is new: files the user keeps, such as projects. */
        KEEP_OR_SHARED
    }

    /** What fills the temporary file (a writer that takes a path, such as the safetensors writer). */
    @FunctionalInterface
    public interface Content {
        void writeTo(Path temp) throws IOException;
    }

    private static final String SHARED_MODE = "rw-r--r--";

    private AtomicWrite() {
    }

    /** Writes {@code bytes} as {@code file}, atomically. */
    public static void write(Path file, Access access, byte[] bytes) throws IOException {
        write(file, access, temp -> Files.write(temp, bytes));
    }

    /**
     * Writes {@code file} atomically with what {@code content} puts into a temporary file beside
     * it; creates the folder if needed. If {@code content} fails, the old file is untouched and the
     * temporary is removed.
     */
    public static void write(Path file, Access access, Content content) throws IOException {
        Path dir = file.toAbsolutePath().getParent();
        Files.createDirectories(dir);
        String name = file.getFileName().toString();
        WriteLeftovers.clean(dir, name); // a write killed half-way left its temporary
        Path temp = Files.createTempFile(dir, WriteLeftovers.prefix(name, ""), ".saving");
        try {
            setAccess(file, temp, access);
            content.writeTo(temp);
            rename(temp, file);
        } finally {
            Files.deleteIfExists(temp);
        }
    }

    /**
     * Moves a file prepared elsewhere ({@code temp}, in the target's folder) over {@code target}:
     * flushes it to disk, renames it in one step (a plain move where the file system cannot) and
     * flushes the folder.
     */
    public static void rename(Path temp, Path target) throws IOException {
        try (FileChannel channel = FileChannel.open(temp, StandardOpenOption.WRITE)) {
            channel.force(true);
        }
        try {
            Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(temp, target, StandardCopyOption.REPLACE_EXISTING);
        }
        syncDirectory(target.toAbsolutePath().getParent());
    }

    /** Flushes a folder's entries (a rename in it) to disk; best effort where folders cannot be opened. */
    public static void syncDirectory(Path dir) {
        try (FileChannel channel = FileChannel.open(dir, StandardOpenOption.READ)) {
            channel.force(true);
        } catch (IOException | UnsupportedOperationException e) {
            // Linux can; other systems may refuse to open a folder. The file's content is on disk already.
        }
    }

    private static void setAccess(Path file, Path temp, Access access) throws IOException {
        if (!temp.getFileSystem().supportedFileAttributeViews().contains("posix")) {
            return;
        }
        Set<PosixFilePermission> permissions = switch (access) {
            case OWNER_ONLY -> PosixFilePermissions.fromString("rw-------");
            case SHARED -> PosixFilePermissions.fromString(SHARED_MODE);
            case KEEP_OR_SHARED -> Files.exists(file) ? Files.getPosixFilePermissions(file)
                    : PosixFilePermissions.fromString(SHARED_MODE);
        };
        Files.setPosixFilePermissions(temp, permissions);
    }
}
