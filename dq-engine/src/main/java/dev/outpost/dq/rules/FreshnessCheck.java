package dev.outpost.dq.rules;

import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * Passes when the newest timestamp in {@code column} is at most {@code maxAge} older than the scan time. It judges
 * the data set as a whole: either no row fails or all do. A data set without any timestamp in the column fails.
 *
 * @param name the check's name, unique within its rule set
 * @param dimension the dimension its score counts towards
 * @param column a column of timestamps or dates (or text that reads as one); timestamps without a time zone are
 *     taken as UTC
 * @param maxAge the largest age the newest timestamp may have; positive
 */
public record FreshnessCheck(String name, Dimension dimension, String column, Duration maxAge) implements Check {

    public static final String TYPE = "freshness";
    public static final Dimension DEFAULT_DIMENSION = Dimension.TIMELINESS;

    public FreshnessCheck {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(dimension, "dimension");
        Objects.requireNonNull(column, "column");
        if (maxAge.isNegative() || maxAge.isZero()) {
            throw new IllegalArgumentException("maxAge must be positive, was " + maxAge);
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
