package dev.netloom.graph.files;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Duration;
import java.time.Instant;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The temporary files and folders an atomic write leaves when its process is killed half-way
 * ({@code .NAME.<pid>-<digits>/}, {@code .NAME.writing-<pid>-<digits>/}, {@code .NAME.zip.<pid>-<digits>.tmp},
 * {@code .NAME.<pid>-<digits>.saving}), removed by the next write to the same place.
 *
 * <p>Writers name their temporaries with {@link #prefix} (the process id inside), so a leftover
 * is known to be dead when its process is gone: a write running at the same time in another
 * process is never touched. Temporaries of older versions carry no process id; they are removed
 * once they are an hour old.
 */
public final class WriteLeftovers {

    /** How old a temporary without a process id must be before it counts as left over. */
    static final Duration LEGACY_AGE = Duration.ofHours(1);

    private static final Pattern OURS = Pattern.compile(
            "(?:writing-|zip\\.|old-)?(\\d+)-\\d+(?:\\.tmp|\\.saving)?");
    private static final Pattern LEGACY = Pattern.compile(
            "(?:writing-|zip\\.|old-)?-?\\d+(?:\\.tmp|\\.saving)?");

    private WriteLeftovers() {
    }

    /**
     * The prefix for a temporary of {@code name} (for {@code Files.createTempFile/Directory},
     * which append random digits): {@code .NAME.[kind]<pid>-}.
     *
     * @param kind "" for the plain temporary, or "writing-", "zip.", "old-"
     */
    public static String prefix(String name, String kind) {
        return "." + name + "." + kind + ProcessHandle.current().pid() + "-";
    }

    /**
     * Removes the leftovers of interrupted writes of {@code name} in {@code parent}: temporaries
     * of processes that are gone. Best effort: what cannot be removed stays for the next time.
     *
     * @return how many were removed
     */
    public static int clean(Path parent, String name) {
        if (!Files.isDirectory(parent)) {
            return 0;
        }
        String start = "." + name + ".";
        int removed = 0;
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(parent)) {
            for (Path p : entries) {
                String n = p.getFileName().toString();
                if (!n.startsWith(start) || Files.isSymbolicLink(p)) {
                    continue;
                }
                String rest = n.substring(start.length());
                if (rest.startsWith("old-") && !Files.exists(parent.resolve(name))) {
                    continue; // a swap cut short: this holds the only copy of the previous version
                }
                if (leftOver(p, rest)) {
                    delete(p);
                    removed++;
                }
            }
        } catch (IOException e) {
            return removed; // listing failed: nothing more to do now
        }
        return removed;
    }

    private static boolean leftOver(Path p, String rest) throws IOException {
        Matcher ours = OURS.matcher(rest);
        if (ours.matches()) {
            long pid;
            try {
                pid = Long.parseLong(ours.group(1));
            } catch (NumberFormatException e) {
                return false;
            }
            return pid != ProcessHandle.current().pid() && !ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false);
        }
        if (LEGACY.matcher(rest).matches()) {
            Instant modified = Files.getLastModifiedTime(p, LinkOption.NOFOLLOW_LINKS).toInstant();
            return modified.isBefore(Instant.now().minus(LEGACY_AGE));
        }
        return false;
    }

    private static void delete(Path p) throws IOException {
        if (!Files.isDirectory(p, LinkOption.NOFOLLOW_LINKS)) {
            Files.deleteIfExists(p);
            return;
        }
        Files.walkFileTree(p, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
                Files.deleteIfExists(file);
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult postVisitDirectory(Path dir, IOException e) throws IOException {
                Files.deleteIfExists(dir);
                return FileVisitResult.CONTINUE;
            }
        });
    }
}
