package dev.outpost.dq.rules;

import java.util.List;
import java.util.Objects;

/**
 * Fails every row whose {@code column} is null.
 *
 * @param name the check's name, unique within its rule set
 * @param dimension the dimension its score counts towards
 * @param column the column that must have a value
 */
public record NotNullCheck(String name, Dimension dimension, String column) implements Check {

    public static final String TYPE = "not_null";
    public static final Dimension DEFAULT_DIMENSION = Dimension.COMPLETENESS;

    public NotNullCheck {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(dimension, "dimension");
        Objects.requireNonNull(column, "column");
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
