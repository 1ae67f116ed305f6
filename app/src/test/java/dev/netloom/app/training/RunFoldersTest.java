package dev.netloom.app.training;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/** Runs go next to the project and never overwrite one another. */
class RunFoldersTest {

    @TempDir
    Path dir;

    @Test
    void theNextFreeRunBesideTheProject() throws IOException {
        Path project = dir.resolve("qa.netloom");
        RunFolders first = RunFolders.next(project, dir.resolve("home"), 1);
        assertThat(first.name()).isEqualTo("run 1");
        assertThat(first.artifact()).isEqualTo(dir.resolve("qa.runs/run-1"));
        assertThat(first.checkpoint()).isEqualTo(dir.resolve("qa.runs/run-1.checkpoint.safetensors"));
        Files.createDirectories(first.artifact());
        Files.createFile(dir.resolve("qa.runs/run-2.checkpoint.safetensors"));
        assertThat(RunFolders.next(project, dir.resolve("home"), 1).name()).isEqualTo("run 3");
        assertThat(RunFolders.next(null, dir.resolve("home"), 4).artifact())
                .isEqualTo(dir.resolve("home/untitled.runs/run-4"));
    }
}
