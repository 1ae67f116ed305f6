package dev.netloom.train.data;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The three splits of a dataset while it is being prepared.
 *
 * @param train the training split
 * @param validation the validation split
 * @param test the test split
 */
public record Splits(Examples train, Examples validation, Examples test) {

    /** Cuts {@code all} by {@code rows}. */
    public static Splits of(Examples all, SplitRows rows) {
        return new Splits(all.select(rows.train()), all.select(rows.validation()), all.select(rows.test()));
    }

    /**
     * Standardises every picture field per channel with statistics of the training split, and
     * records them in {@code preprocessing} under the field's name (merged into what is there).
     */
    public Splits normalisePictures(Map<String, Object> preprocessing) {
        return normalisePictures(preprocessing, null);
    }

    /**
     * Standardises every picture field per channel: with a trained model's statistics when
     * {@code fitted} has them for the field, else with statistics of the training split; records
     * them in {@code preprocessing} under the field's name (merged into what is there).
     *
     * @param fitted a trained model's preprocessing, or null
     */
    @SuppressWarnings("unchecked")
    public Splits normalisePictures(Map<String, Object> preprocessing, FittedPreprocessing fitted) {
        Splits out = this;
        for (Field f : train.fields(FieldKind.IMAGE)) {
            Normalisation n = fitted == null ? Normalisation.fit(f)
                    : fitted.normalisation(f.name()).orElseGet(() -> Normalisation.fit(f));
            out = out.mapField(f.name(), n::apply);
            Map<String, Object> entry = new LinkedHashMap<>((Map<String, Object>) preprocessing.getOrDefault(f.name(),
                    Map.of()));
            entry.putAll(n.toMap());
            preprocessing.put(f.name(), entry);
        }
        return out;
    }

    /** These splits with one field replaced in each. */
    public Splits mapField(String name, java.util.function.UnaryOperator<Field> change) {
        return new Splits(map(train, name, change), map(validation, name, change), map(test, name, change));
    }

    private static Examples map(Examples examples, String name, java.util.function.UnaryOperator<Field> change) {
        List<Field> fields = new ArrayList<>();
        for (Field f : examples.fields()) {
            fields.add(f.name().equals(name) ? change.apply(f) : f);
        }
        return new Examples(fields, examples.labels());
    }
}
