package dev.outpost.dq.scan;

import java.util.List;
import java.util.Map;
import java.util.OptionalDouble;

/**
 * A profile of a data set, split by where each part may go: {@link #counts()} holds no value from the data and may
 * be sent to the control side; {@link ColumnProfile#values()} holds values (minimum, maximum, quantiles, the most
 * frequent values) and stays on the edge, stored encrypted like failing-row samples.
 *
 * @param rows the row count
 * @param columns one profile per column, in order
 */
public record DataProfile(long rows, List<ColumnProfile> columns) {

    public DataProfile {
        columns = List.copyOf(columns);
    }

    /**
     * One column's profile.
     *
     * @param name the column name
     * @param type the engine's type name
     * @param counts counts that reveal no value
     * @param values what the column's values are like; value-bearing
     */
    public record ColumnProfile(String name, String type, ColumnCounts counts, ColumnValues values) {
    }

    /**
     * Counts about a column, free of values.
     *
     * @param nulls how many rows hold null
     * @param distinct how many distinct non-null values it holds (approximate on DuckDB, within a few percent; exact
     *     on PostgreSQL)
     */
    public record ColumnCounts(long nulls, long distinct) {
    }

    /**
     * A column's values, summarised. Minimum and maximum are of the numbers for numeric columns and of the text form
     * otherwise (ISO dates and timestamps sort as time does); the moments and quantiles exist only for numeric
     * columns.
     *
     * @param min the smallest value, as text; null for a column of nulls
     * @param max the largest value, as text; null for a column of nulls
     * @param mean the arithmetic mean, for numeric columns
     * @param stddev the sample standard deviation, for numeric columns with two values or more
     * @param quantiles the continuous quantiles at 0.25, 0.5 and 0.75, for numeric columns
     * @param topValues the most frequent values (as text) with their counts, most frequent first, ties by value
     */
    public record ColumnValues(String min, String max, OptionalDouble mean, OptionalDouble stddev,
            Map<String, Double> quantiles, List<ValueCount> topValues) {

        public ColumnValues {
            quantiles = Map.copyOf(quantiles);
            topValues = List.copyOf(topValues);
        }
    }

    /** A value and how many rows hold it. */
    public record ValueCount(String value, long count) {
    }

    /** The row count and each column's name, type and counts: the part that may leave the edge. */
    public Counts counts() {
        return new Counts(rows, columns.stream().map(c -> new ColumnSummary(c.name(), c.type(), c.counts())).toList());
    }

    /**
     * The value-free part of a profile.
     *
     * @param rows the row count
     * @param columns each column's name, type and counts
     */
    public record Counts(long rows, List<ColumnSummary> columns) {

        public Counts {
            columns = List.copyOf(columns);
        }
    }

    /** A column's name, type and counts. */
    public record ColumnSummary(String name, String type, ColumnCounts counts) {
    }
}
