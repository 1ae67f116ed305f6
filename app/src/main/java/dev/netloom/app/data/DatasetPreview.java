package dev.netloom.app.data;

import java.util.List;
import java.util.Map;

/**
 * A first look at a dataset: its size, the shape of one example, some samples to show, and how
 * many examples each class has. Made by the studio's small preview readers; the training
 * engine's dataset readers will replace them.
 *
 * @param source the file shown to the user
 * @param format "IDX" or "CSV"
 * @param count how many examples the dataset holds
 * @param exampleShape one example's shape: [channels, height, width] for pictures, [features] for tables
 * @param samples the first few examples
 * @param classCounts examples per class label, in label order
 * @param columns for tables, the column names (features, then the label); empty for pictures
 */
public record DatasetPreview(String source, String format, int count, List<Integer> exampleShape,
                             List<Sample> samples, Map<String, Integer> classCounts, List<String> columns) {

    public DatasetPreview {
        exampleShape = List.copyOf(exampleShape);
        samples = List.copyOf(samples);
        classCounts = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(classCounts));
        columns = List.copyOf(columns);
    }

    /** Whether the examples are pictures. */
    public boolean isImages() {
        return exampleShape.size() == 3;
    }

    /**
     * One example to show.
     *
     * @param label its class label, or "" when unknown
     * @param width picture width (0 for table rows)
     * @param height picture height
     * @param pixels grey values 0..255, row by row (empty for table rows)
     * @param values a table row's feature values as written (empty for pictures)
     */
    public record Sample(String label, int width, int height, byte[] pixels, List<String> values) {
    }
}
