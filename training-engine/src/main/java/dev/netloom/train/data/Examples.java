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

    /** The examples of every part, one part after another; the parts must have the same fields. */
    public static Examples concat(List<Examples> parts) {
        if (parts.isEmpty()) {
            throw new IllegalArgumentException("nothing to join");
        }
        List<Field> fields = new java.util.ArrayList<>();
        for (Field first : parts.get(0).fields()) {
            List<Field> same = parts.stream().map(p -> p.field(first.name()).orElseThrow(
                    () -> new IllegalArgumentException("a part has no field " + first.name()))).toList();
            fields.add(Field.concat(same));
        }
        return new Examples(fields, parts.stream().flatMapToInt(p -> Arrays.stream(p.labels)).toArray());
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
