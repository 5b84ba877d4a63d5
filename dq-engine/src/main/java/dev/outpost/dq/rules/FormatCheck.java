package dev.outpost.dq.rules;

import java.util.List;
import java.util.Objects;

/**
 * Fails every row whose {@code column}, as text, is not null and is not in the named {@code format}.
 *
 * @param name the check's name, unique within its rule set
 * @param dimension the dimension its score counts towards
 * @param column the column whose values are matched
 * @param format the format every value must have
 */
public record FormatCheck(String name, Dimension dimension, String column, NamedFormat format) implements Check {

    public static final String TYPE = "format";
    public static final Dimension DEFAULT_DIMENSION = Dimension.VALIDITY;

    public FormatCheck {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(dimension, "dimension");
        Objects.requireNonNull(column, "column");
        Objects.requireNonNull(format, "format");
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
