package dev.netloom.hpo.distribution;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Objects;

/**
 * A choice among a fixed list of values: strings, numbers, booleans or {@code null}. The internal
 * representation is the index of the choice.
 *
 * @param choices the values, at least one, without duplicates
 */
public record CategoricalDistribution(List<Object> choices) implements Distribution {

    public CategoricalDistribution {
        if (choices == null || choices.isEmpty()) {
            throw new IllegalArgumentException("a categorical parameter needs at least one choice");
        }
        for (Object c : choices) {
            if (c != null && !(c instanceof String || c instanceof Number || c instanceof Boolean)) {
                throw new IllegalArgumentException("categorical choices must be strings, numbers, booleans or null, got "
                        + c.getClass().getSimpleName());
            }
        }
        if (choices.stream().distinct().count() != choices.size()) {
            throw new IllegalArgumentException("categorical choices must be distinct: " + choices);
        }
        // List.copyOf refuses null, which is a legal choice.
        choices = Collections.unmodifiableList(new ArrayList<>(choices));
    }

    /** The choices of a list of any element type. */
    public static CategoricalDistribution of(List<?> choices) {
        return new CategoricalDistribution(new ArrayList<>(choices));
    }

    @Override
    public double toInternal(Object value) {
        for (int i = 0; i < choices.size(); i++) {
            if (Objects.equals(choices.get(i), value)) {
                return i;
            }
        }
        throw new IllegalArgumentException(value + " is not one of " + choices);
    }

    @Override
    public Object toExternal(double internal) {
        return choices.get((int) Math.round(internal));
    }

    @Override
    public boolean containsInternal(double v) {
        return v == Math.rint(v) && v >= 0 && v < choices.size();
    }

    @Override
    public boolean isSingle() {
        return choices.size() == 1;
    }
}
