package dev.moonstack.value;

/**
 * The two markers that stand in an {@code Object[]} slot for an unboxed number whose payload
 * lives in the parallel {@code long[]} slot: {@link #INT} (the integer itself) or {@link #FLT}
 * (the double's raw bits).
 *
 * <p>Every value is a pair (ref, num): nil is {@code null}; booleans are {@link Boolean#TRUE}
 * and {@link Boolean#FALSE}; integers and floats are these markers with their payload; every
 * other value (string, table, function, userdata, thread) is its object, payload unused.
 */
public final class NumTag {
    public static final NumTag INT = new NumTag("integer");
    public static final NumTag FLT = new NumTag("float");

    private final String name;

    private NumTag(String name) { this.name = name; }

    @Override public String toString() { return name; }
}
