package dev.outpost.dq.rules;

import java.util.List;
import java.util.Objects;
import java.util.OptionalLong;

/**
 * Fails every row whose {@code column}, as text, is not null and has fewer than {@code min} or more than {@code max}
 * characters. At least one bound is present, bounds are non-negative, and {@code min <= max}.
 *
 * @param name the check's name, unique within its rule set
 * @param dimension the dimension its score counts towards
 * @param column the column whose values are measured, as text
 * @param min the fewest characters allowed, if any
 * @param max the most characters allowed, if any
 */
public record LengthCheck(String name, Dimension dimension, String column, OptionalLong min, OptionalLong max)
        implements Check {

    public static final String TYPE = "length";
    public static final Dimension DEFAULT_DIMENSION = Dimension.VALIDITY;

    public LengthCheck {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(dimension, "dimension");
        Objects.requireNonNull(column, "column");
        CountBounds.require("length", "length", min, max);
    }

    @Override
    public String type() {
        return TYPE;
    }

    @Override
    public List<String> columns() {
        return List.of(column);
    }
}
