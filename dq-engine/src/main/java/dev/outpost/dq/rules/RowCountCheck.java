package dev.outpost.dq.rules;

import java.util.List;
import java.util.Objects;
import java.util.OptionalLong;

/**
 * Passes when the data set's row count lies within the inclusive bounds. It judges the data set as a whole: either
 * no row fails or all do. At least one bound is present, bounds are non-negative, and {@code min <= max}.
 *
 * @param name the check's name, unique within its rule set
 * @param dimension the dimension its score counts towards
 * @param min the fewest rows allowed, if any
 * @param max the most rows allowed, if any
 */
public record RowCountCheck(String name, Dimension dimension, OptionalLong min, OptionalLong max) implements Check {

    public static final String TYPE = "row_count";
    public static final Dimension DEFAULT_DIMENSION = Dimension.COMPLETENESS;

    public RowCountCheck {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(dimension, "dimension");
        CountBounds.require("row_count", "row count", min, max);
    }

    @Override
    public String type() {
        return TYPE;
    }

    @Override
    public List<String> columns() {
        return List.of();
    }

    /** Whether a data set of {@code rows} rows satisfies the bounds. */
    public boolean accepts(long rows) {
        return rows >= min.orElse(0) && rows <= max.orElse(Long.MAX_VALUE);
    }
}
