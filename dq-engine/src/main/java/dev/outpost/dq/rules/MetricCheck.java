package dev.outpost.dq.rules;

import java.math.BigDecimal;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Passes when a {@link Metric} of {@code column}'s numeric values lies within the inclusive bounds. It judges the data
 * set as a whole: either no row fails or all do. Nulls and values that are not numbers are left out of the metric; a
 * data set with no numeric value (or one value, for {@code stddev}) has no metric and fails.
 *
 * @param name the check's name, unique within its rule set
 * @param dimension the dimension its score counts towards
 * @param column the column the metric is computed over
 * @param metric the aggregate
 * @param percentile the fraction from 0 to 1, present exactly when {@code metric} is {@link Metric#PERCENTILE}
 * @param min the smallest value the metric may have, if any
 * @param max the largest value the metric may have, if any
 */
public record MetricCheck(String name, Dimension dimension, String column, Metric metric,
        Optional<BigDecimal> percentile, Optional<BigDecimal> min, Optional<BigDecimal> max) implements Check {

    public static final String TYPE = "metric";
    public static final Dimension DEFAULT_DIMENSION = Dimension.ACCURACY;

    public MetricCheck {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(dimension, "dimension");
        Objects.requireNonNull(column, "column");
        Objects.requireNonNull(metric, "metric");
        if (percentile.isPresent() != (metric == Metric.PERCENTILE)) {
            throw new IllegalArgumentException("a percentile is given exactly for the percentile metric");
        }
        percentile.ifPresent(p -> {
            if (p.signum() < 0 || p.compareTo(BigDecimal.ONE) > 0) {
                throw new IllegalArgumentException("percentile must be between 0 and 1, was " + p);
            }
        });
        if (min.isEmpty() && max.isEmpty()) {
            throw new IllegalArgumentException("a metric check needs a lower bound, an upper bound or both");
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

    /** Whether a measured metric satisfies the bounds. */
    public boolean accepts(double value) {
        BigDecimal measured = BigDecimal.valueOf(value);
        return min.map(bound -> measured.compareTo(bound) >= 0).orElse(true)
                && max.map(bound -> measured.compareTo(bound) <= 0).orElse(true);
    }
}
