package dev.netloom.train.data;

import java.util.List;
import java.util.Map;

/**
 * A dataset ready for training: its examples split three ways, the class names, how the fields
 * were preprocessed (what a deployed model must repeat), a fingerprint of the files and
 * settings it came from, and the read report.
 *
 * @param name a name for people, for example "Fashion-MNIST" or "Shapes QA (seed 7, 2000 examples)"
 * @param train the training split
 * @param validation the validation split (early stopping, search)
 * @param test the test split (reported once)
 * @param classes class names; label i is {@code classes.get(i)}
 * @param preprocessing per field, how raw values became model inputs (normalisation statistics
 *     computed on the training split, image size, tokenizer); written to {@code preprocess.json}
 * @param vocabulary the tokenizer's tokens in id order when there is text, else empty; written to {@code vocab.txt}
 * @param fingerprint SHA-256 over the source files' bytes and the reading settings
 * @param report what was read and skipped
 */
public record Dataset(String name, Examples train, Examples validation, Examples test, List<String> classes,
                      Map<String, Object> preprocessing, List<String> vocabulary, String fingerprint,
                      DataReport report) {

    public Dataset {
        classes = List.copyOf(classes);
        preprocessing = Map.copyOf(preprocessing);
        vocabulary = List.copyOf(vocabulary);
    }
}
