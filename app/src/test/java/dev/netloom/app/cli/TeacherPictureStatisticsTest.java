package dev.netloom.app.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A teacher trained on pictures of other statistics than the student's data: the student's pictures
 * are standardised as the teacher read its own, so its soft targets come from pictures it reads
 * right; two teachers of different statistics cannot both be fed the same numbers and are refused.
 */
class TeacherPictureStatisticsTest {

    @TempDir
    Path dir;

    private Path project(String name, String data) throws IOException {
        Path p = dir.resolve(name + ".netloom");
        Files.writeString(p, """
                {"schemaVersion": 1, "name": "%s", "graph": {"nodes": [
                  {"id": "image", "type": "Image", "params": {"height": 8, "width": 8, "channels": 1}},
                  {"id": "flat", "type": "Flatten"},
                  {"id": "fc", "type": "Dense", "params": {"units": 16}},
                  {"id": "act", "type": "Activation"},
                  {"id": "head", "type": "Classification", "params": {"classes": 2}}],
                 "edges": [{"from": "image.out", "to": "flat.in"}, {"from": "flat.out", "to": "fc.in"},
                           {"from": "fc.out", "to": "act.in"}, {"from": "act.out", "to": "head.in"}]},
                 "data": {"source": "idx", "images": "%s-images", "labels": "%s-labels", "classes": ["left", "right"],
                          "validationFraction": 0.2, "testFraction": 0.2},
                 "training": {"epochs": 15, "batchSize": 16, "seed": 5, "threads": 1}}
                """.formatted(name, data, data));
        return p;
    }

    private static double mean(Path artifact) throws IOException {
        JsonNode pre = new ObjectMapper().readTree(artifact.resolve("preprocess.json").toFile());
        return pre.path("fields").path("image").path("mean").get(0).asDouble();
    }

    @Test
    void theStudentsPicturesAreStandardisedAsTheTeacherReadItsOwnAndTeachersThatDisagreeAreRefused() throws IOException {
        BlockPictures.write(dir, "dark", 200, 0, 1);
        BlockPictures.write(dir, "bright", 200, 90, 2);
        BlockPictures.write(dir, "few", 80, 0, 3); // the teacher's kind of pictures, a few others: other statistics
        Path teacher = dir.resolve("teacher");
        Cli t = Cli.run("train", project("dark", "dark").toString(), "--out", teacher.toString());
        assertThat(t.code()).as(t.err()).isZero();
        Path brightModel = dir.resolve("bright-model");
        Cli b = Cli.run("train", project("bright", "bright").toString(), "--out", brightModel.toString());
        assertThat(b.code()).as(b.err()).isZero();
        assertThat(mean(brightModel)).isNotEqualTo(mean(teacher));

        Path student = dir.resolve("student");
        Cli s = Cli.run("train", project("student", "few").toString(), "--teacher", teacher.toString(),
                "--out", student.toString());
        assertThat(s.code()).as(s.err()).isZero();
        assertThat(s.out()).contains("pictures standardised with the statistics of teacher " + teacher);
        // The teacher reads the student's pictures as it read its own, and scores them as well.
        double own = Double.parseDouble(t.out().lines().filter(l -> l.startsWith("Test:")).findFirst().orElseThrow()
                .replaceAll(".*accuracy ([\\d.]+)%.*", "$1"));
        double taught = Double.parseDouble(s.out().lines().filter(l -> l.startsWith("  teacher ")).findFirst().orElseThrow()
                .replaceAll(".*: ([\\d.]+)% on the validation split", "$1"));
        assertThat(own).isGreaterThan(90);
        assertThat(taught).as(s.out()).isGreaterThan(90);
        // The student's artifact reads new pictures as it was trained: with the teacher's statistics.
        assertThat(mean(student)).isEqualTo(mean(teacher));

        Cli both = Cli.run("train", project("student2", "few").toString(), "--teacher", teacher + "," + brightModel,
                "--out", dir.resolve("no").toString());
        assertThat(both.code()).isEqualTo(ExitCode.INVALID);
        assertThat(both.err().strip()).startsWith("netloom train: teacher " + brightModel
                + " was trained on pictures of other statistics than teacher " + teacher).doesNotContain("Exception");
    }
}
