package dev.netloom.train.data.image;

import dev.netloom.train.data.DataIssue;
import dev.netloom.train.data.DataReport;
import dev.netloom.train.data.DataRequest;
import dev.netloom.train.data.Dataset;
import dev.netloom.train.data.DatasetReader;
import dev.netloom.train.data.Examples;
import dev.netloom.train.data.Field;
import dev.netloom.train.data.FieldKind;
import dev.netloom.train.data.Fingerprint;
import dev.netloom.train.data.FittedPreprocessing;
import dev.netloom.train.data.MemoryBudget;
import dev.netloom.train.data.SplitRows;
import dev.netloom.train.data.Splits;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * Reads a folder with one sub-folder of pictures per class (the sub-folder's name is the class)
 * into one {@code "image"} field: PNG and JPEG pictures resized bilinearly to the request's size
 * and converted to its channels. Files that are not readable pictures are skipped and reported;
 * hidden files (names starting with ".") are ignored. Links are followed only while they stay
 * inside the folder: a link out of it, or back up to a folder that holds it (a loop), is reported
 * and left alone. A class folder with no readable picture is refused (a class with no examples
 * cannot be learned, and would silently widen the model's head) unless {@code allowEmptyClasses}.
 *
 * @param folder the folder of class folders
 * @param validationFraction share for validation
 * @param testFraction share for test
 * @param allowEmptyClasses keep a class folder with no readable picture as a class (reported)
 */
public record ImageFolderReader(Path folder, double validationFraction, double testFraction, boolean allowEmptyClasses)
        implements DatasetReader {

    /** Empty class folders are refused. */
    public ImageFolderReader(Path folder, double validationFraction, double testFraction) {
        this(folder, validationFraction, testFraction, false);
    }

    /** The field every picture-folder dataset has. */
    public static final String FIELD = "image";

    private static final PictureSize DEFAULT_SIZE = new PictureSize(3, 64, 64);

    @Override
    public Dataset read(DataRequest request) throws IOException {
        if (!Files.isDirectory(folder)) {
            throw new IOException(folder + ": no such folder");
        }
        DataReport report = new DataReport();
        Path root = folder.toRealPath();
        List<Path> classFolders = new ArrayList<>();
        for (Path candidate : sorted(folder)) {
            if (!Files.isDirectory(candidate)) {
                continue;
            }
            String away = leadsAway(root, candidate, true);
            if (away != null) {
                report.note(new DataIssue(candidate.toString(), 0, away));
                continue;
            }
            classFolders.add(candidate);
        }
        if (classFolders.isEmpty()) {
            throw new IOException(folder + ": no class folders (expected one sub-folder of pictures per class)");
        }
        PictureSize size = PictureSize.of(request, DEFAULT_SIZE);
        Fingerprint fingerprint = new Fingerprint().setting("reader", "image-folder");
        long files = 0;
        for (Path classFolder : classFolders) {
            files += sorted(classFolder).size();
        }
        MemoryBudget.check(folder.toString(), files, size.values(), Float.BYTES);
        FittedPreprocessing fitted = request.fitted();
        List<String> classes = new ArrayList<>(fitted != null ? fitted.classes() : List.of());
        List<float[]> pictures = new ArrayList<>();
        List<Integer> labels = new ArrayList<>();
        List<String> empty = new ArrayList<>();
        for (Path classFolder : classFolders) {
            String name = classFolder.getFileName().toString();
            int label = fitted != null ? fitted.classIndex(name) : classes.size();
            if (fitted == null) {
                classes.add(name);
            }
            fingerprint.setting("class", classFolder.getFileName());
            int before = pictures.size();
            for (Path file : sorted(classFolder)) {
                if (!Files.isRegularFile(file)) {
                    continue;
                }
                if (label < 0) {
                    // A class the model cannot answer: counted, not decoded.
                    report.skipped(new DataIssue(file.toString(), 0, fitted.unknownClass(name)));
                    continue;
                }
                String away = leadsAway(root, file, false);
                if (away != null) {
                    report.skipped(new DataIssue(file.toString(), 0, away));
                    continue;
                }
                PictureFile read = PictureFile.read(file);
                if (read.problem() != null) {
                    report.skipped(new DataIssue(file.toString(), 0, read.problem()));
                    continue;
                }
                float[] values = new float[size.values()];
                PictureConversion.toFloats(read.picture(), size, values, 0);
                pictures.add(values);
                labels.add(label);
                fingerprint.file(file);
            }
            if (pictures.size() == before && label >= 0) { // a class the model does not know was reported above
                empty.add(classFolder.getFileName().toString());
            }
        }
        if (!empty.isEmpty() && pictures.size() > 0) {
            if (!allowEmptyClasses) {
                throw new IOException(folder + ": the class folder" + (empty.size() == 1 ? " " : "s ")
                        + String.join(", ", empty) + (empty.size() == 1 ? " has" : " have") + " no readable picture; a "
                        + "class needs examples: add pictures, remove the folder, or set \"allowEmptyClasses\": true"
                        + (report.issues().isEmpty() ? "" : " (first problem: " + report.issues().get(0) + ")"));
            }
            report.note(new DataIssue(folder.toString(), 0, "classes with no example kept as asked: "
                    + String.join(", ", empty)));
        }
        if (pictures.isEmpty() && fitted != null && classFolders.stream().allMatch(
                f -> fitted.classIndex(f.getFileName().toString()) < 0)) {
            throw fitted.noKnownClass(folder.toString(), classFolders.stream().map(f -> f.getFileName().toString())
                    .toList());
        }
        if (pictures.isEmpty()) {
            throw new IOException(folder + ": no readable PNG or JPEG picture in its class folders"
                    + (report.issues().isEmpty() ? "" : " (first problem: " + report.issues().get(0) + ")"));
        }
        float[] all = new float[pictures.size() * size.values()];
        for (int i = 0; i < pictures.size(); i++) {
            System.arraycopy(pictures.get(i), 0, all, i * size.values(), size.values());
        }
        int[] labelArray = labels.stream().mapToInt(Integer::intValue).toArray();
        Examples examples = new Examples(List.of(Field.floats(FIELD, FieldKind.IMAGE, size.shape(), all)), labelArray);
        Map<String, Object> preprocessing = new LinkedHashMap<>();
        preprocessing.put(FIELD, size.toMap());
        Splits splits = Splits.of(examples, SplitRows.stratified(labelArray, validationFraction, testFraction,
                request.seed())).normalisePictures(preprocessing, fitted);
        report.read(pictures.size());
        fingerprint.setting("size", size).setting("validation", validationFraction).setting("test", testFraction)
                .setting("seed", request.seed());
        return new Dataset(folder.getFileName().toString(), splits.train(), splits.validation(), splits.test(), classes,
                preprocessing, List.of(), fingerprint.hex(), report);
    }

    /**
     * Why a class folder or picture is not followed: a link whose target is outside the dataset
     * folder, or (for folders) the dataset folder itself or one above it — a loop. Null when it
     * stays inside.
     */
    private static String leadsAway(Path root, Path path, boolean folder) {
        if (!Files.isSymbolicLink(path)) {
            return null;
        }
        Path target;
        try {
            target = path.toRealPath();
        } catch (IOException e) {
            return "a link that cannot be followed; left out";
        }
        if (folder && root.startsWith(target)) {
            return "a link back to a folder that holds it (a loop); not followed";
        }
        if (!target.startsWith(root)) {
            return "a link that leads outside the dataset folder; not followed";
        }
        return null;
    }

    private static List<Path> sorted(Path dir) throws IOException {
        try (Stream<Path> children = Files.list(dir)) {
            return children.filter(p -> !p.getFileName().toString().startsWith(".")).sorted().toList();
        }
    }
}
