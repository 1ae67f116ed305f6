package dev.netloom.hpo.distribution;

/**
 * A typed value as text, so that a choice or an attribute read back from a database is the same
 * Java value that was written ({@code 1}, {@code 1L} and {@code 1.0} stay distinct).
 * Form: one type letter, a colon, the value: {@code s:text}, {@code i:3}, {@code l:3},
 * {@code d:0.5}, {@code b:true}, {@code n:}.
 */
public final class ValueText {

    private ValueText() {
    }

    /** The text of a string, integer, long, double, boolean or {@code null}. */
    public static String write(Object value) {
        if (value == null) {
            return "n:";
        } else if (value instanceof String s) {
            return "s:" + s;
        } else if (value instanceof Integer i) {
            return "i:" + i;
        } else if (value instanceof Long l) {
            return "l:" + l;
        } else if (value instanceof Double || value instanceof Float) {
            return "d:" + ((Number) value).doubleValue();
        } else if (value instanceof Boolean b) {
            return "b:" + b;
        } else if (value instanceof Short || value instanceof Byte) {
            return "i:" + ((Number) value).intValue();
        }
        throw new IllegalArgumentException("only strings, numbers, booleans and null can be stored, got "
                + value.getClass().getName());
    }

    /** The value of a text made by {@link #write}. */
    public static Object read(String text) {
        if (text.length() < 2 || text.charAt(1) != ':') {
            throw new IllegalArgumentException("not a typed value: '" + text + "'");
        }
        String v = text.substring(2);
        return switch (text.charAt(0)) {
            case 'n' -> null;
            case 's' -> v;
            case 'i' -> Integer.valueOf(v);
            case 'l' -> Long.valueOf(v);
            case 'd' -> Double.valueOf(v);
            case 'b' -> Boolean.valueOf(v);
            default -> throw new IllegalArgumentException("unknown value type in '" + text + "'");
        };
    }
}
