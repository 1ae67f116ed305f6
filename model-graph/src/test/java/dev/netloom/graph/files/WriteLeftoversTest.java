package dev.netloom.graph.files;

import dev.netloom.graph.Graph;
import dev.netloom.graph.catalog.LayerCatalog;
import dev.netloom.graph.project.Project;
import dev.netloom.graph.project.ProjectFile;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;

/** What a killed write left is removed by the next write to the same place; a live write is left alone. */
class WriteLeftoversTest {

    @TempDir
    Path dir;

    /** The id of a process that has ended. */
    private static long deadPid() throws Exception {
        Process p = new ProcessBuilder("true").start();
        p.waitFor();
        return p.pid();
    }

    @Test
    void leftoversOfDeadProcessesAndOldOnesGoLiveAndUnrelatedOnesStay() throws Exception {
        long dead = deadPid();
        long live = ProcessHandle.current().parent().map(ProcessHandle::pid).orElseThrow();
        Path deadFolder = Files.createDirectories(dir.resolve(".model." + dead + "-123"));
        Files.writeString(deadFolder.resolve("weights.safetensors"), "half");
        Path deadBundle = Files.createDirectories(dir.resolve(".model.writing-" + dead + "-9"));
        Path deadZip = Files.writeString(dir.resolve(".model.zip." + dead + "-77.tmp"), "half");
        Path liveFolder = Files.createDirectories(dir.resolve(".model." + live + "-5"));
        Path oldLegacy = Files.createDirectories(dir.resolve(".model.8437264"));
        Files.setLastModifiedTime(oldLegacy, FileTime.from(Instant.now().minus(WriteLeftovers.LEGACY_AGE.multipliedBy(2))));
        Path freshLegacy = Files.createDirectories(dir.resolve(".model.writing-5551234"));
        Path otherName = Files.createDirectories(dir.resolve(".other." + dead + "-1"));
        Path userFile = Files.writeString(dir.resolve(".model.notes"), "mine");

        assertThat(WriteLeftovers.clean(dir, "model")).isEqualTo(4);

        assertThat(deadFolder).doesNotExist();
        assertThat(deadBundle).doesNotExist();
        assertThat(deadZip).doesNotExist();
        assertThat(oldLegacy).doesNotExist();
        assertThat(liveFolder).exists();      // another process may be writing it now
        assertThat(freshLegacy).exists();     // too young to be sure
        assertThat(otherName).exists();       // not this name
        assertThat(userFile).hasContent("mine");
    }

    @Test
    void aSwapCutShortKeepsTheOnlyCopyOfThePreviousVersion() throws Exception {
        Path old = Files.createDirectories(dir.resolve(".bundle.old-" + deadPid() + "-3"));
        assertThat(WriteLeftovers.clean(dir, "bundle")).isZero();
        assertThat(old).exists();
        Files.createDirectories(dir.resolve("bundle"));
        assertThat(WriteLeftovers.clean(dir, "bundle")).isEqualTo(1);
        assertThat(old).doesNotExist();
    }

    @Test
    void savingAProjectRemovesWhatAKilledSaveLeft() throws Exception {
        Path leftover = Files.writeString(dir.resolve(".mine.netloom." + deadPid() + "-42.saving"), "{\"half");
        ProjectFile files = new ProjectFile(LayerCatalog.standard());
        files.write(Project.of("mine", Graph.EMPTY), dir.resolve("mine.netloom"));
        assertThat(leftover).doesNotExist();
        try (var list = Files.list(dir)) {
            assertThat(list.map(p -> p.getFileName().toString())).containsExactly("mine.netloom");
        }
    }
}
