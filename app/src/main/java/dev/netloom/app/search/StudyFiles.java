package dev.netloom.app.search;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/**
 * Where the Tune view keeps a project's studies: beside the project file, in
 * {@code NAME.studies/}, one SQLite hpo storage per study ({@code STUDY.db}) and the trials'
 * models in {@code STUDY/trials/NNN}. Beside the project, so a study travels with it and resuming
 * finds it again; one file per study, so deleting a study is deleting its file and folder.
 *
 * @param folder the {@code NAME.studies} folder
 */
public record StudyFiles(Path folder) {

    /** The studies folder of a project file. */
    public static StudyFiles of(Path projectFile) {
        String name = projectFile.getFileName().toString().replaceFirst("\\.netloom$", "");
        return new StudyFiles(projectFile.toAbsolutePath().resolveSibling(name + ".studies"));
    }

    /** The study's SQLite file. */
    public Path database(String study) {
        return folder.resolve(study + ".db");
    }

    /** The hpo storage URL of a study ({@code sqlite:/.../STUDY.db}). */
    public String storageUrl(String study) {
        return "sqlite:" + database(study);
    }

    /** Where the study's trial models go. */
    public Path out(String study) {
        return folder.resolve(study);
    }

    /** Whether the study has been started before. */
    public boolean exists(String study) {
        return Files.isRegularFile(database(study));
    }

    /** The names of the studies started for this project, sorted. */
    public List<String> names() {
        if (!Files.isDirectory(folder)) {
            return List.of();
        }
        try (Stream<Path> files = Files.list(folder)) {
            return files.map(p -> p.getFileName().toString()).filter(n -> n.endsWith(".db"))
                    .map(n -> n.substring(0, n.length() - 3)).sorted().toList();
        } catch (IOException e) {
            return List.of(); // an unreadable folder lists nothing; starting a study will say why
        }
    }

    /** A name not used yet: {@code base-1}, {@code base-2}, ... */
    public String freshName(String base) {
        String clean = base.replaceAll("[^A-Za-z0-9._-]", "-");
        for (int i = 1; ; i++) {
            String name = clean + "-" + i;
            if (!exists(name)) {
                return name;
            }
        }
    }
}
