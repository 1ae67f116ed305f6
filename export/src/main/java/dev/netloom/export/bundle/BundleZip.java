package dev.netloom.export.bundle;

import dev.netloom.graph.files.AtomicWrite;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.Enumeration;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SortedSet;
import java.util.TreeSet;
import java.util.stream.Stream;
import java.util.zip.Deflater;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import java.util.zip.ZipOutputStream;

/**
 * The zip of a bundle folder. Writing is reproducible: entries in name order under one top
 * folder named like the bundle, one fixed timestamp, fixed compression, no extra fields, so
 * the same folder always zips to the same bytes (and the zip's own hash can be published).
 * Reading is in place, without extracting, so a hostile zip can neither write outside a folder
 * ({@code ../} names) nor fill the disk.
 */
public final class BundleZip {

    /** The time every entry carries (the earliest a zip can record). */
    static final LocalDateTime ENTRY_TIME = LocalDateTime.of(1980, 1, 1, 0, 0);

    private BundleZip() {
    }

    /**
     * Zips the plain files of {@code dir} into {@code zip}, under a top folder named
     * {@code topFolder}: written to a temporary file beside {@code zip}, then renamed over it.
     */
    public static void write(Path dir, String topFolder, Path zip) throws IOException {
        AtomicWrite.write(zip, AtomicWrite.Access.SHARED, temp -> writeTo(dir, topFolder, temp));
    }

    /** Writes the zip to {@code target} directly (the caller renames it into place). */
    static void writeTo(Path dir, String topFolder, Path target) throws IOException {
        List<Path> files;
        try (Stream<Path> list = Files.list(dir)) {
            files = list.filter(p -> Files.isRegularFile(p, LinkOption.NOFOLLOW_LINKS)).sorted().toList();
        }
        try (OutputStream raw = Files.newOutputStream(target);
             ZipOutputStream out = new ZipOutputStream(new java.io.BufferedOutputStream(raw, 1 << 16))) {
            out.setMethod(ZipOutputStream.DEFLATED);
            out.setLevel(Deflater.BEST_COMPRESSION);
            ZipEntry folder = new ZipEntry(topFolder + "/");
            folder.setTimeLocal(ENTRY_TIME);
            out.putNextEntry(folder);
            out.closeEntry();
            for (Path file : files) {
                ZipEntry e = new ZipEntry(topFolder + "/" + file.getFileName());
                // setTimeLocal, not setTime: no time zone enters the bytes, and no extended-time field is added.
                e.setTimeLocal(ENTRY_TIME);
                out.putNextEntry(e);
                Files.copy(file, out);
                out.closeEntry();
            }
        }
    }

    /**
     * Opens a bundle zip for reading in place. Entries may sit at the top of the zip or under one
     * top folder (as {@link #write} makes them); any other name is a problem, never a path to follow.
     */
    static BundleSource open(Path zipFile) throws IOException {
        ZipFile zip = new ZipFile(zipFile.toFile());
        try {
            List<ZipEntry> all = new ArrayList<>();
            for (Enumeration<? extends ZipEntry> en = zip.entries(); en.hasMoreElements(); ) {
                all.add(en.nextElement());
            }
            String prefix = commonTopFolder(all);
            SortedSet<String> files = new TreeSet<>();
            Map<String, ZipEntry> byName = new HashMap<>();
            List<VerifyReport.Finding> problems = new ArrayList<>();
            Set<String> seen = new HashSet<>();
            for (ZipEntry e : all) {
                String raw = e.getName();
                if (!seen.add(raw)) {
                    problems.add(new VerifyReport.Finding(raw, "appears twice in the zip"));
                    continue;
                }
                if (e.isDirectory() && raw.equals(prefix)) {
                    continue;
                }
                String name = raw.startsWith(prefix) ? raw.substring(prefix.length()) : raw;
                if (e.isDirectory()) {
                    problems.add(new VerifyReport.Finding(raw, "is a folder; a bundle holds plain files only"));
                } else if (!Manifest.isPlainFileName(name)) {
                    problems.add(new VerifyReport.Finding(raw, "is not a plain file name in the bundle's folder"));
                } else {
                    files.add(name);
                    byName.put(name, e);
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
                    ZipEntry e = byName.get(name);
                    if (e == null) {
                        throw new IOException(name + ": not in the bundle");
                    }
                    return zip.getInputStream(e);
                }

                @Override
                public void close() throws IOException {
                    zip.close();
                }
            };
        } catch (RuntimeException e) {
            zip.close();
            throw e;
        }
    }

    // "name/" when every entry lives under that one folder, else "" (entries at the top).
    private static String commonTopFolder(List<ZipEntry> entries) {
        String prefix = null;
        for (ZipEntry e : entries) {
            int slash = e.getName().indexOf('/');
            if (slash <= 0) {
                return "";
            }
            String top = e.getName().substring(0, slash + 1);
            if (prefix == null) {
                prefix = top;
            } else if (!prefix.equals(top)) {
                return "";
            }
        }
        return prefix == null || prefix.equals("../") || prefix.equals("./") ? "" : prefix;
    }
}
