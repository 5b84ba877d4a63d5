package dev.outpost.dq.rules;

import java.util.List;
import java.util.Objects;

/**
 * Fails every row whose combination of values in {@code columns} occurs more than once, so a value seen twice fails
 * two rows. Rows with a null in any of the columns are never duplicates.
 *
 * @param name the check's name, unique within its rule set
 * @param dimension the dimension its score counts towards
 * @param columns one or more columns that together identify a row
 */
public record UniqueCheck(String name, Dimension dimension, List<String> columns) implements Check {

    public static final String TYPE = "unique";
    public static final Dimension DEFAULT_DIMENSION = Dimension.UNIQUENESS;

    public UniqueCheck {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(dimension, "dimension");
        columns = List.copyOf(columns);
        if (columns.isEmpty()) {
            throw new IllegalArgumentException("a unique check needs at least one column");
        }
    }

    @Override
    public String type() {
        return TYPE;
    }
}
