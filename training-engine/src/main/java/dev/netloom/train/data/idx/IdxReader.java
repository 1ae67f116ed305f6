package dev.netloom.train.data.idx;

import dev.netloom.train.data.DataReport;
import dev.netloom.train.data.DataRequest;
import dev.netloom.train.data.Dataset;
import dev.netloom.train.data.DatasetReader;
import dev.netloom.train.data.Examples;
import dev.netloom.train.data.Fingerprint;
import dev.netloom.train.data.FittedPreprocessing;
import dev.netloom.train.data.SplitRows;
import dev.netloom.train.data.Splits;
import dev.netloom.train.data.image.PictureSize;

import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads MNIST-family IDX pictures into a dataset with one picture field, {@code "image"}.
 * Pictures are delivered at the request's size (resized bilinearly when it differs from the
 * files'), scaled to [0, 1], then standardised per channel with training statistics. The
 * training pair is split into training and validation (and test, when there is no test pair)
 * by class from the request's seed.
 *
 * @param name a name for people
 * @param train the training pair
 * @param test the source's own test pair, or null to split a test set off the training pair
 * @param classes the class names, label i is {@code classes.get(i)}
 * @param validationFraction share of the training pair for validation
 * @param testFraction share of the training pair for test when there is no test pair
 */
public record IdxReader(String name, IdxPair train, IdxPair test, List<String> classes, double validationFraction,
                        double testFraction) implements DatasetReader {

    /** The field every IDX dataset has. */
    public static final String FIELD = "image";

    /** Fashion-MNIST's classes in label order (Xiao, Rasul and Vollgraf, 2017). */
    public static final List<String> FASHION_CLASSES = List.of("t-shirt/top", "trouser", "pullover", "dress", "coat",
            "sandal", "shirt", "sneaker", "bag", "ankle boot");

    /** MNIST's classes: the digits. */
    public static final List<String> DIGITS = List.of("0", "1", "2", "3", "4", "5", "6", "7", "8", "9");

    public IdxReader {
        classes = List.copyOf(classes);
    }

    @Override
    public Dataset read(DataRequest request) throws IOException {
        DataReport report = new DataReport();
        PictureSize size = request.imageHeight() > 0 ? PictureSize.of(request, null) : null;
        LabelledPictures trainPictures = train.read(size, classes.size(), report);
        size = trainPictures.size();
        FittedPreprocessing fitted = request.fitted();
        Examples all = trainPictures.examples(FIELD);
        if (fitted != null) {
            all = fitted.relabel(all, classes, train.labels().toString(), report);
            if (all.size() == 0 && test == null) {
                throw fitted.noKnownClass(train.labels().toString(), classes);
            }
        }
        Splits splits;
        if (test != null) {
            SplitRows rows = SplitRows.stratified(all.labels(), validationFraction, 0, request.seed());
            Examples testExamples = test.read(size, classes.size(), report).examples(FIELD);
            if (fitted != null) {
                testExamples = fitted.relabel(testExamples, classes, test.labels().toString(), report);
                if (all.size() + testExamples.size() == 0) {
                    throw fitted.noKnownClass(train.labels().toString(), classes);
                }
            }
            splits = new Splits(all.select(rows.train()), all.select(rows.validation()), testExamples);
        } else {
            splits = Splits.of(all, SplitRows.stratified(all.labels(), validationFraction, testFraction, request.seed()));
        }
        Map<String, Object> preprocessing = new LinkedHashMap<>();
        preprocessing.put(FIELD, size.toMap());
        splits = splits.normalisePictures(preprocessing, fitted);
        Fingerprint fingerprint = new Fingerprint().setting("reader", "idx");
        train.fingerprint(fingerprint);
        if (test != null) {
            test.fingerprint(fingerprint);
        }
        fingerprint.setting("size", size).setting("classes", classes).setting("validation", validationFraction)
                .setting("test", testFraction).setting("seed", request.seed());
        return new Dataset(name, splits.train(), splits.validation(), splits.test(),
                fitted != null ? fitted.classes() : classes, preprocessing, List.of(),
                fingerprint.hex(), report);
    }
}
