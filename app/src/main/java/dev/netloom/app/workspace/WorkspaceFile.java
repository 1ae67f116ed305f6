package dev.netloom.app.workspace;

import org.sqlite.SQLiteErrorCode;
import org.sqlite.SQLiteException;

import dev.netloom.graph.files.AtomicWrite;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * The workspace's file on disk: created whole (never seen half-made by another process), checked
 * when opened, and, when damaged, moved aside under a dated name and replaced by a fresh one.
 *
 * <p>Creation and recovery hold {@code .workspace.lock} in the home, so that eight processes
 * starting on an empty home at once create one file, and a process that finds the file damaged
 * never moves aside the fresh file another process has just made.
 */
final class WorkspaceFile {

    static final String NAME = "workspace.db";
    private static final String LOCK = ".workspace.lock";
    private static final String TEMP_PREFIX = ".workspace.db.";
    private static final String TEMP_SUFFIX = ".creating";
    private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss");
    /** FileLock is per process: threads of one process take turns here first. */
    private static final Object IN_PROCESS = new Object();

    private final Path home;
    private final Path file;

    WorkspaceFile(Path home) {
        this.home = home;
        this.file = home.resolve(NAME);
    }

    Path path() {
        return file;
    }

    /**
     * Makes sure a usable file exists: creates it when missing and sets a damaged or emptied one
     * aside. Returns the one-line notice to show when a file was set aside.
     */
    Optional<String> prepare() {
        try {
            Files.createDirectories(home);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create the Netloom home " + home + ": " + e.getMessage(), e);
        }
        if (Files.isRegularFile(file) && damage().isEmpty()) {
            return Optional.empty(); // the usual case: no lock needed
        }
        return locked(() -> {
            Optional<String> notice = Optional.empty();
            if (Files.exists(file)) {
                // Looked at again under the lock: another process may have replaced it meanwhile.
                Optional<String> damage = damage();
                if (damage.isPresent()) {
                    notice = Optional.of(setAside(damage.get()));
                }
            }
            if (!Files.exists(file)) {
                create();
            }
            return notice;
        });
    }

    /**
     * Sets the file aside after a damage found later (by the schema step or a first query) and
     * creates a fresh one, unless {@code seen} (its {@link #identity()} when opened) shows another
     * process has replaced it meanwhile; the notice line when this call set it aside.
     */
    Optional<String> recover(Object seen, String reason) {
        return locked(() -> {
            Optional<String> notice = Optional.empty();
            if (Files.exists(file) && java.util.Objects.equals(identity(), seen)) {
                notice = Optional.of(setAside(damage().orElse(reason)));
            } // else another process has replaced it already: use theirs
            if (!Files.exists(file)) {
                create();
            }
            return notice;
        });
    }

    /** The file's identity (device and inode), to tell a replaced file from the one that failed. */
    Object identity() {
        try {
            return Files.readAttributes(file, java.nio.file.attribute.BasicFileAttributes.class).fileKey();
        } catch (IOException e) {
            return null;
        }
    }

    /** True when an SQLite error says the file is not a (sound) database. */
    static boolean isDamage(SQLException e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof SQLiteException s) {
                SQLiteErrorCode code = s.getResultCode();
                int primary = code == null ? s.getErrorCode() & 0xff : code.code & 0xff;
                if (primary == SQLiteErrorCode.SQLITE_CORRUPT.code || primary == SQLiteErrorCode.SQLITE_NOTADB.code) {
                    return true;
                }
            }
        }
        return false;
    }

    /** Why the file cannot be used as it is, if it cannot: empty, not a database, or failing SQLite's check. */
    private Optional<String> damage() {
        try {
            if (!Files.isRegularFile(file)) {
                return Files.exists(file) ? Optional.of("it is not a regular file") : Optional.empty();
            }
            if (Files.size(file) == 0) {
                return Optional.of("it was empty (0 bytes)");
            }
        } catch (IOException e) {
            return Optional.empty(); // unreadable for another reason: opening it will say so
        }
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + file);
             Statement s = c.createStatement()) {
            s.execute("PRAGMA busy_timeout = 10000");
            try (ResultSet r = s.executeQuery("PRAGMA quick_check")) {
                String first = r.next() ? r.getString(1) : "ok";
                return "ok".equals(first) ? Optional.empty() : Optional.of("SQLite's check found: " + first);
            }
        } catch (SQLException e) {
            return isDamage(e) ? Optional.of(reason(e)) : Optional.empty();
        }
    }

    /** The SQLite message without the driver's code prefix ("[SQLITE_NOTADB] ..."). */
    static String reason(SQLException e) {
        String m = String.valueOf(e.getMessage());
        m = m.replaceFirst("^\\[[A-Z_]+\\]\\s*", "");
        int paren = m.indexOf(" (");
        String detail = paren > 0 && m.endsWith(")") ? m.substring(paren + 2, m.length() - 1) : m;
        return detail.isBlank() ? "it is damaged" : detail;
    }

    /** Moves the file (and its WAL and shared-memory files) to {@code workspace.db.damaged-STAMP}. */
    private String setAside(String reason) {
        String stamp = ZonedDateTime.now(ZoneOffset.UTC).format(STAMP);
        Path aside = home.resolve(NAME + ".damaged-" + stamp);
        for (int n = 2; Files.exists(aside); n++) {
            aside = home.resolve(NAME + ".damaged-" + stamp + "-" + n);
        }
        try {
            Files.move(file, aside);
            for (String suffix : new String[] {"-wal", "-shm"}) {
                Path side = home.resolve(NAME + suffix);
                if (Files.exists(side)) {
                    Files.move(side, home.resolve(aside.getFileName() + suffix));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("the workspace " + file + " is damaged (" + reason
                    + ") and cannot be moved aside: " + e.getMessage(), e);
        }
        return "The workspace " + file + " could not be used (" + reason + "); it was kept as " + aside
                + " and a new, empty workspace was started (recent projects and run history begin again).";
    }

    /** Writes a new database beside the file and moves it into place whole. Holds the lock. */
    private void create() {
        removeLeftovers();
        Path temp = home.resolve(TEMP_PREFIX + ProcessHandle.current().pid() + TEMP_SUFFIX);
        try {
            Files.deleteIfExists(temp);
            try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + temp);
                 Statement s = c.createStatement()) {
                // WAL is recorded in the header, so the file that appears is already a database.
                s.execute("PRAGMA journal_mode = WAL");
                s.execute("PRAGMA user_version = 0");
            }
            Files.deleteIfExists(home.resolve(temp.getFileName() + "-wal"));
            Files.deleteIfExists(home.resolve(temp.getFileName() + "-shm"));
            AtomicWrite.rename(temp, file); // the file is absent: this process holds the lock
        } catch (SQLException | IOException e) {
            throw new IllegalStateException("cannot create the workspace " + file + ": " + e.getMessage(), e);
        }
    }

    /** A creation killed half-way leaves its temporary file; whoever holds the lock next removes it. */
    private void removeLeftovers() {
        try (DirectoryStream<Path> left = Files.newDirectoryStream(home, TEMP_PREFIX + "*" + TEMP_SUFFIX + "*")) {
            for (Path p : left) {
                Files.deleteIfExists(p);
            }
        } catch (IOException e) {
            // Leftovers are clutter, not harm: the next creation tries again.
        }
    }

    private <T> T locked(Supplier<T> work) {
        synchronized (IN_PROCESS) {
            try (FileChannel channel = FileChannel.open(home.resolve(LOCK), StandardOpenOption.CREATE,
                    StandardOpenOption.WRITE);
                 FileLock lock = channel.lock()) {
                return work.get();
            } catch (IOException e) {
                throw new UncheckedIOException("cannot lock the workspace in " + home + ": " + e.getMessage(), e);
            }
        }
    }
}
