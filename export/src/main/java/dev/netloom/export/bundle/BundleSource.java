package dev.netloom.export.bundle;

import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.SortedSet;
import java.util.TreeSet;
import java.util.stream.Stream;

/**
 * The files of a bundle to verify, read in place from a folder or a zip. Anything that is not a
 * plain file with a plain name (sub-folders, links, names with paths) is reported as a problem at
 * listing time and never opened: verification must not follow a link or a {@code ../} out of the bundle.
 */
interface BundleSource extends Closeable {

    /** The plain files, by name, sorted. */
    SortedSet<String> files();

    /** What is wrong with the listing itself. */
    List<VerifyReport.Finding> problems();

    /** Opens one of {@link #files()}. */
    InputStream open(String name) throws IOException;

    /** A bundle folder. */
    static BundleSource folder(Path dir) throws IOException {
        SortedSet<String> files = new TreeSet<>();
        List<VerifyReport.Finding> problems = new ArrayList<>();
        try (Stream<Path> list = Files.list(dir)) {
            for (Path p : (Iterable<Path>) list.sorted()::iterator) {
                String name = p.getFileName().toString();
                if (Files.isSymbolicLink(p)) {
                    problems.add(new VerifyReport.Finding(name, "is a link; a bundle holds plain files only"));
                } else if (Files.isDirectory(p, LinkOption.NOFOLLOW_LINKS)) {
                    problems.add(new VerifyReport.Finding(name, "is a folder; a bundle holds plain files only"));
                } else if (!Files.isRegularFile(p, LinkOption.NOFOLLOW_LINKS)) {
                    problems.add(new VerifyReport.Finding(name, "is not a regular file"));
                } else {
                    files.add(name);
                }
            }
        }
        return new BundleSource() {
            @Override
            public SortedSet<String> files() {
                return files;
            }

            @Override
            public List<VerifyReport.Finding> problems() {
                return problems;
            }

            @Override
            public InputStream open(String name) throws IOException {
                if (!files.contains(name)) {
                    throw new IOException(name + ": not in the bundle");
                }
                return Files.newInputStream(dir.resolve(name), LinkOption.NOFOLLOW_LINKS);
            }

            @Override
            public void close() {
            }
        };
    }
}
