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
 * hidden files (names starting with ".") are ignored.
 *
 * @param folder the folder of class folders
 * @param validationFraction share for validation
 * @param testFraction share for test
 */
public record ImageFolderReader(Path folder, double validationFraction, double testFraction) implements DatasetReader {

    /** The field every picture-folder dataset has. */
    public static final String FIELD = "image";

    private static final PictureSize DEFAULT_SIZE = new PictureSize(3, 64, 64);

    @Override
    public Dataset read(DataRequest request) throws IOException {
        if (!Files.isDirectory(folder)) {
            throw new IOException(folder + ": no such folder");
        }
        List<Path> classFolders = sorted(folder).stream().filter(Files::isDirectory).toList();
        if (classFolders.isEmpty()) {
            throw new IOException(folder + ": no class folders (expected one sub-folder of pictures per class)");
        }
        PictureSize size = PictureSize.of(request, DEFAULT_SIZE);
        DataReport report = new DataReport();
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
        for (Path classFolder : classFolders) {
            String name = classFolder.getFileName().toString();
            int label = fitted != null ? fitted.classIndex(name) : classes.size();
            if (fitted == null) {
                classes.add(name);
            }
            fingerprint.setting("class", classFolder.getFileName());
            for (Path file : sorted(classFolder)) {
                if (!Files.isRegularFile(file)) {
                    continue;
                }
                if (label < 0) {
                    // A class the model cannot answer: counted, not decoded.
                    report.skipped(new DataIssue(file.toString(), 0, fitted.unknownClass(name)));
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

    private static List<Path> sorted(Path dir) throws IOException {
        try (Stream<Path> children = Files.list(dir)) {
            return children.filter(p -> !p.getFileName().toString().startsWith(".")).sorted().toList();
        }
    }
}
