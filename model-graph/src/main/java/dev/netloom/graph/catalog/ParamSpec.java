package dev.netloom.graph.catalog;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * A parameter a layer type declares: name, type, default, allowed range or choices, and a
 * one-sentence description in plain words. The editor's property sheet, the file loader and
 * the edit API all check values through {@link #check(Object)}, so a value is refused for the
 * same reason everywhere.
 *
 * @param name the key in project files, for example {@code "filters"}
 * @param type the value's type
 * @param defaultValue the value a new node gets
 * @param min smallest allowed value (numbers), or smallest element (int lists); null for none
 * @param max largest allowed value, or largest element; null for none
 * @param choices the allowed words, for {@link ParamType#CHOICE}; empty otherwise
 * @param description one sentence for a person who is not an ML specialist
 */
public record ParamSpec(String name, ParamType type, Object defaultValue, Double min, Double max,
                        List<String> choices, String description) {

    /** The largest list an INT_LIST parameter takes (a Reshape target has a handful of dims). */
    public static final int MAX_LIST_LENGTH = 8;

    public ParamSpec {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(description, "description");
        choices = List.copyOf(choices);
        if (type == ParamType.CHOICE && choices.isEmpty()) {
            throw new IllegalArgumentException("choice parameter " + name + " has no choices");
        }
    }

    public static ParamSpec integer(String name, int defaultValue, int min, int max, String description) {
        return new ParamSpec(name, ParamType.INT, defaultValue, (double) min, (double) max, List.of(), description);
    }

    public static ParamSpec real(String name, double defaultValue, double min, double max, String description) {
        return new ParamSpec(name, ParamType.FLOAT, defaultValue, min, max, List.of(), description);
    }

    public static ParamSpec bool(String name, boolean defaultValue, String description) {
        return new ParamSpec(name, ParamType.BOOL, defaultValue, null, null, List.of(), description);
    }

    public static ParamSpec choice(String name, String defaultValue, List<String> choices, String description) {
        return new ParamSpec(name, ParamType.CHOICE, defaultValue, null, null, choices, description);
    }

    public static ParamSpec intList(String name, List<Integer> defaultValue, int min, int max, String description) {
        return new ParamSpec(name, ParamType.INT_LIST, List.copyOf(defaultValue), (double) min, (double) max,
                List.of(), description);
    }

    /** A size in two dimensions: {@code 3} for 3x3 or {@code [1, 7]} for 1 high and 7 wide (see {@link ParamType#SIZE_2D}). */
    public static ParamSpec size2d(String name, int defaultValue, int min, int max, String description) {
        return new ParamSpec(name, ParamType.SIZE_2D, defaultValue, (double) min, (double) max, List.of(), description);
    }

    /**
     * A {@link ParamType#SIZE_2D} value (in its stored form) as {@code [height, width]}.
     *
     * @throws IllegalArgumentException for a value that is neither a whole number nor a pair
     */
    public static int[] pair(Object stored) {
        if (stored instanceof Integer i) {
            return new int[] {i, i};
        }
        if (stored instanceof List<?> list && list.size() == 2 && list.get(0) instanceof Integer h
                && list.get(1) instanceof Integer w) {
            return new int[] {h, w};
        }
        throw new IllegalArgumentException("expected a whole number or [height, width], got " + shortText(stored));
    }

    /**
     * Checks a value and returns it in its stored form (an {@code Integer} for INT, a
     * {@code Double} for FLOAT, ...).
     *
     * @throws IllegalArgumentException with a message that says what is allowed and what was given,
     *     without the parameter's name (the caller knows where it is)
     */
    public Object check(Object value) {
        if (value == null) {
            throw new IllegalArgumentException("needs a value (" + allowed() + ")");
        }
        return switch (type) {
            case INT -> checkRange(asInt(value));
            case FLOAT -> checkRange(asDouble(value));
            case BOOL -> {
                if (value instanceof Boolean b) {
                    yield b;
                }
                throw wrong(value);
            }
            case CHOICE -> {
                if (value instanceof String s && choices.contains(s)) {
                    yield s;
                }
                throw wrong(value);
            }
            case INT_LIST -> {
                if (!(value instanceof List<?> list) || list.size() > MAX_LIST_LENGTH) {
                    throw wrong(value);
                }
                List<Integer> out = new ArrayList<>(list.size());
                for (Object item : list) {
                    out.add(checkRange(asInt(item)));
                }
                yield List.copyOf(out);
            }
            case SIZE_2D -> {
                if (value instanceof List<?> list) {
                    if (list.size() != 2) {
                        throw wrong(value);
                    }
                    int h = checkRange(asInt(list.get(0)));
                    int w = checkRange(asInt(list.get(1)));
                    // A square is stored as one number, as files written before rectangles existed have it.
                    yield h == w ? (Object) h : List.of(h, w);
                }
                yield checkRange(asInt(value));
            }
        };
    }

    /** What values are allowed, for messages and tooltips: "an integer from 1 to 4096". */
    public String allowed() {
        return switch (type) {
            case INT -> "an integer" + range();
            case FLOAT -> "a number" + range();
            case BOOL -> "true or false";
            case CHOICE -> "one of " + String.join(", ", choices);
            case INT_LIST -> "a list of at most " + MAX_LIST_LENGTH + " integers" + range();
            case SIZE_2D -> "an integer" + range() + ", or [height, width] of two such integers";
        };
    }

    private String range() {
        if (min == null && max == null) {
            return "";
        }
        return " from " + format(min) + " to " + format(max);
    }

    private String format(Double bound) {
        if (bound == null) {
            return "any";
        }
        return (type == ParamType.FLOAT) ? BigDecimal.valueOf(bound).stripTrailingZeros().toPlainString()
                : String.valueOf(bound.longValue());
    }

    private int asInt(Object value) {
        if (value instanceof Integer i) {
            return i;
        }
        if (value instanceof Long || value instanceof Short || value instanceof Byte || value instanceof BigInteger) {
            BigInteger big = new BigInteger(value.toString());
            if (big.bitLength() < 32) {
                return big.intValue();
            }
            throw wrong(value);
        }
        if (value instanceof Number n && !(value instanceof BigDecimal) && !(value instanceof Double)
                && !(value instanceof Float)) {
            return asInt(n.longValue());
        }
        throw wrong(value);
    }

    private double asDouble(Object value) {
        if (value instanceof Number n) {
            double d = n.doubleValue();
            if (Double.isFinite(d)) {
                return d;
            }
            throw wrong(value);
        }
        throw wrong(value);
    }

    private int checkRange(int v) {
        if ((min != null && v < min) || (max != null && v > max)) {
            throw wrong(v);
        }
        return v;
    }

    private double checkRange(double v) {
        if ((min != null && v < min) || (max != null && v > max)) {
            throw wrong(v);
        }
        return v;
    }

    private IllegalArgumentException wrong(Object value) {
        return new IllegalArgumentException("must be " + allowed() + ", got " + shortText(value));
    }

    private static String shortText(Object value) {
        String text = value instanceof String s ? "\"" + s + "\"" : String.valueOf(value);
        return text.length() > 40 ? text.substring(0, 37) + "..." : text;
    }
}
