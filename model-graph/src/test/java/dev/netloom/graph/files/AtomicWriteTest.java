package dev.netloom.graph.files;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The one atomic write: the new file whole, or the old one untouched, and no temporary left either way. */
class AtomicWriteTest {

    @TempDir
    Path dir;

    @Test
    void writesANewFileInAFolderItCreates() throws Exception {
        Path file = dir.resolve("deep/er/notes.txt");
        AtomicWrite.write(file, AtomicWrite.Access.SHARED, "first".getBytes(StandardCharsets.UTF_8));
        assertThat(file).hasContent("first");
        assertThat(entries(file.getParent())).containsExactly("notes.txt");
    }

    @Test
    void replacesAnExistingFileWhole() throws Exception {
        Path file = Files.writeString(dir.resolve("a.json"), "old and rather longer");
        AtomicWrite.write(file, AtomicWrite.Access.SHARED, "new".getBytes(StandardCharsets.UTF_8));
        assertThat(file).hasContent("new");
        assertThat(entries(dir)).containsExactly("a.json");
    }

    @Test
    void aWriterThatFailsLeavesTheOldFileAndNoTemporary() throws Exception {
        Path file = Files.writeString(dir.resolve("a.json"), "old");
        assertThatThrownBy(() -> AtomicWrite.write(file, AtomicWrite.Access.SHARED, temp -> {
            Files.writeString(temp, "half of the ne");
            throw new IOException("disk full");
        })).hasMessage("disk full");
        assertThat(file).hasContent("old");
        assertThat(entries(dir)).containsExactly("a.json");
    }

    @Test
    void theTemporaryIsInTheSameFolderAndNamedForTheLeftoverCleaner() throws Exception {
        Path file = dir.resolve("model.bin");
        Path[] seen = new Path[1];
        AtomicWrite.write(file, AtomicWrite.Access.OWNER_ONLY, temp -> {
            seen[0] = temp;
            Files.writeString(temp, "x");
        });
        assertThat(seen[0].getParent()).isEqualTo(file.toAbsolutePath().getParent());
        assertThat(seen[0].getFileName().toString()).startsWith(WriteLeftovers.prefix("model.bin", ""));
        assertThat(seen[0]).doesNotExist();
    }

    @Test
    void aTemporaryOfADeadProcessIsRemovedByTheNextWrite() throws Exception {
        Process p = new ProcessBuilder("true").start();
        p.waitFor();
        Path left = Files.writeString(dir.resolve(".a.json." + p.pid() + "-42.saving"), "half");
        AtomicWrite.write(dir.resolve("a.json"), AtomicWrite.Access.SHARED, "whole".getBytes(StandardCharsets.UTF_8));
        assertThat(left).doesNotExist();
        assertThat(entries(dir)).containsExactly("a.json");
    }

    @Test
    void accessIsOwnerOnlySharedOrKeptFromTheReplacedFile() throws Exception {
        org.junit.jupiter.api.Assumptions.assumeTrue(dir.getFileSystem().supportedFileAttributeViews().contains("posix"));
        Path key = dir.resolve("key");
        AtomicWrite.write(key, AtomicWrite.Access.OWNER_ONLY, new byte[] {1});
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(key))).isEqualTo("rw-------");
        Path pub = dir.resolve("key.pub");
        AtomicWrite.write(pub, AtomicWrite.Access.SHARED, new byte[] {1});
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(pub))).isEqualTo("rw-r--r--");
        Path project = dir.resolve("p.netloom");
        AtomicWrite.write(project, AtomicWrite.Access.KEEP_OR_SHARED, new byte[] {1});
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(project))).isEqualTo("rw-r--r--");
        Files.setPosixFilePermissions(project, PosixFilePermissions.fromString("rw-rw----"));
        AtomicWrite.write(project, AtomicWrite.Access.KEEP_OR_SHARED, new byte[] {2});
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(project))).isEqualTo("rw-rw----");
    }

    @Test
    void renameMovesAPreparedFileOverTheTarget() throws Exception {
        Path target = Files.writeString(dir.resolve("b.zip"), "old");
        Path temp = Files.writeString(dir.resolve(".b.zip.prepared"), "new");
        AtomicWrite.rename(temp, target);
        assertThat(target).hasContent("new");
        assertThat(temp).doesNotExist();
    }

    private static java.util.List<String> entries(Path folder) throws IOException {
        try (Stream<Path> s = Files.list(folder)) {
            return s.map(p -> p.getFileName().toString()).sorted().toList();
        }
    }
}
