package dev.netloom.train.data.audio;

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
 * Reads a folder with one sub-folder of WAV clips per class (the sub-folder's name is the class)
 * into one {@code "audio"} field of log-mel spectrograms [1, mels, frames] ({@link LogMelSettings}):
 * the graph reads it through an Image input of that shape, so every picture layer, the cost model
 * and the exporter treat a spectrogram as the one-channel picture it is. Files that are not 16-bit
 * PCM mono WAV at the settings' sample rate are skipped and reported with one line naming the file;
 * hidden files are ignored. The spectrograms are standardised with one mean and standard deviation
 * of the training split, recorded beside the settings in the preprocessing.
 *
 * @param folder the folder of class folders
 * @param settings how a clip becomes features
 * @param validationFraction share for validation
 * @param testFraction share for test
 */
public record AudioFolderReader(Path folder, LogMelSettings settings, double validationFraction, double testFraction)
        implements DatasetReader {

    /** The field every audio-folder dataset has. */
    public static final String FIELD = "audio";

    @Override
    public Dataset read(DataRequest request) throws IOException {
        if (!Files.isDirectory(folder)) {
            throw new IOException(folder + ": no such folder");
        }
        LogMelSettings s = request.fitted() != null ? fittedSettings(request.fitted()) : settings;
        LogMel features = new LogMel(s);
        DataReport report = new DataReport();
        List<Path> classFolders = new ArrayList<>();
        for (Path candidate : sorted(folder)) {
            if (Files.isDirectory(candidate)) {
                classFolders.add(candidate);
            }
        }
        if (classFolders.isEmpty()) {
            throw new IOException(folder + ": no class folders (expected one sub-folder of WAV files per class)");
        }
        int perExample = s.mels() * s.frames();
        long files = 0;
        for (Path classFolder : classFolders) {
            files += sorted(classFolder).size();
        }
        MemoryBudget.check(folder.toString(), files, perExample, Float.BYTES);
        FittedPreprocessing fitted = request.fitted();
        List<String> classes = new ArrayList<>(fitted != null ? fitted.classes() : List.of());
        Fingerprint fingerprint = new Fingerprint().setting("reader", "audio-folder").setting("features", s);
        List<float[]> clips = new ArrayList<>();
        List<Integer> labels = new ArrayList<>();
        for (Path classFolder : classFolders) {
            String name = classFolder.getFileName().toString();
            int label = fitted != null ? fitted.classIndex(name) : classes.size();
            if (fitted == null) {
                classes.add(name);
            }
            fingerprint.setting("class", name);
            int before = clips.size();
            for (Path file : sorted(classFolder)) {
                if (!Files.isRegularFile(file)) {
                    continue;
                }
                if (label < 0) {
                    report.skipped(new DataIssue(file.toString(), 0, fitted.unknownClass(name)));
                    continue;
                }
                WavFile wav = WavFile.read(file);
                String problem = wav.problem() != null ? wav.problem()
                        : wav.sampleRate() != s.sampleRate() ? "a WAV file at " + wav.sampleRate() + " Hz; the model "
                                + "reads " + s.sampleRate() + " Hz (resample it, or set \"sampleRate\")" : null;
                if (problem != null) {
                    report.skipped(new DataIssue(file.toString(), 0, problem));
                    continue;
                }
                clips.add(features.compute(wav.samples()));
                labels.add(label);
                fingerprint.file(file);
            }
            if (clips.size() == before && label >= 0 && fitted == null) {
                throw new IOException(classFolder + ": no readable WAV clip; a class needs examples"
                        + (report.issues().isEmpty() ? "" : " (first problem: " + report.issues().get(0) + ")"));
            }
        }
        if (clips.isEmpty()) {
            throw new IOException(folder + ": no readable 16-bit PCM mono WAV clip in its class folders"
                    + (report.issues().isEmpty() ? "" : " (first problem: " + report.issues().get(0) + ")"));
        }
        float[] all = new float[clips.size() * perExample];
        for (int i = 0; i < clips.size(); i++) {
            System.arraycopy(clips.get(i), 0, all, i * perExample, perExample);
        }
        int[] labelArray = labels.stream().mapToInt(Integer::intValue).toArray();
        Examples examples = new Examples(List.of(Field.floats(FIELD, FieldKind.IMAGE, new int[] {1, s.mels(), s.frames()},
                all)), labelArray);
        Map<String, Object> preprocessing = new LinkedHashMap<>();
        preprocessing.put(FIELD, s.toMap());
        Splits splits = Splits.of(examples, SplitRows.stratified(labelArray, validationFraction, testFraction,
                request.seed())).normalisePictures(preprocessing, fitted);
        report.read(clips.size());
        fingerprint.setting("validation", validationFraction).setting("test", testFraction).setting("seed", request.seed());
        return new Dataset(folder.getFileName().toString(), splits.train(), splits.validation(), splits.test(), classes,
                preprocessing, List.of(), fingerprint.hex(), report);
    }

    /** A trained model's features: the settings it recorded, whatever this section says. */
    private LogMelSettings fittedSettings(FittedPreprocessing fitted) {
        LogMelSettings recorded = LogMelSettings.of(fitted.field(FIELD).orElse(null));
        return recorded != null ? recorded : settings;
    }

    private static List<Path> sorted(Path dir) throws IOException {
        try (Stream<Path> children = Files.list(dir)) {
            return children.filter(p -> !p.getFileName().toString().startsWith(".")).sorted().toList();
        }
    }
}
