package dev.outpost.dq.rules;

import java.util.List;
import java.util.Objects;

/**
 * Fails every row whose {@code column}, as text, is not null and not one of {@code values}.
 *
 * @param name the check's name, unique within its rule set
 * @param dimension the dimension its score counts towards
 * @param column the column whose values are looked up
 * @param values the allowed values, as text, exactly as written in the rule set
 */
public record AllowedValuesCheck(String name, Dimension dimension, String column, List<String> values)
        implements Check {

    public static final String TYPE = "allowed_values";
    public static final Dimension DEFAULT_DIMENSION = Dimension.VALIDITY;

    public AllowedValuesCheck {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(dimension, "dimension");
        Objects.requireNonNull(column, "column");
        values = List.copyOf(values);
        if (values.isEmpty()) {
            throw new IllegalArgumentException("an allowed_values check needs at least one value");
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
