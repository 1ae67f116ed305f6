package dev.netloom.train.data;

import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Labelled examples: every field holds the same number of examples, and {@code labels[i]} is
 * the class index of example i.
 *
 * @param fields the inputs, by name
 * @param labels class index per example
 */
public record Examples(List<Field> fields, int[] labels) {

    public Examples {
        fields = List.copyOf(fields);
        labels = labels.clone();
        for (Field f : fields) {
            if (f.count() != labels.length) {
                throw new IllegalArgumentException("field " + f.name() + " has " + f.count() + " examples, labels "
                        + labels.length);
            }
        }
    }

    public int size() {
        return labels.length;
    }

    public Optional<Field> field(String name) {
        return fields.stream().filter(f -> f.name().equals(name)).findFirst();
    }

    /** The fields of a kind, in order. */
    public List<Field> fields(FieldKind kind) {
        return fields.stream().filter(f -> f.kind() == kind).toList();
    }

    /** The examples at the given rows, in that order. */
    public Examples select(int[] rows) {
        int[] picked = new int[rows.length];
        for (int i = 0; i < rows.length; i++) {
            picked[i] = labels[rows[i]];
        }
        return new Examples(fields.stream().map(f -> f.select(rows)).toList(), picked);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Examples e && fields.equals(e.fields) && Arrays.equals(labels, e.labels);
    }

    @Override
    public int hashCode() {
        return Objects.hash(fields, Arrays.hashCode(labels));
    }
}
