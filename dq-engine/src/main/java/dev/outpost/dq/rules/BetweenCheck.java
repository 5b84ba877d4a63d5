package dev.outpost.dq.rules;

import java.math.BigDecimal;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Fails every row whose {@code column} is not null and either is not a number or lies outside the inclusive bounds.
 * At least one bound is present, and {@code min <= max} when both are.
 *
 * @param name the check's name, unique within its rule set
 * @param dimension the dimension its score counts towards
 * @param column the column whose values are compared, as numbers
 * @param min the smallest value allowed, if any
 * @param max the largest value allowed, if any
 */
public record BetweenCheck(String name, Dimension dimension, String column, Optional<BigDecimal> min,
        Optional<BigDecimal> max) implements Check {

    public static final String TYPE = "between";
    public static final Dimension DEFAULT_DIMENSION = Dimension.VALIDITY;

    public BetweenCheck {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(dimension, "dimension");
        Objects.requireNonNull(column, "column");
        if (min.isEmpty() && max.isEmpty()) {
            throw new IllegalArgumentException("a between check needs min, max or both");
        }
        if (min.isPresent() && max.isPresent() && min.get().compareTo(max.get()) > 0) {
            throw new IllegalArgumentException("min " + min.get() + " is greater than max " + max.get());
        }
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
