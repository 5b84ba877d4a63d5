package dev.outpost.dq.rules;

import java.util.List;
import java.util.Map;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Objects;

/**
 * Passes when the data set has every column in {@code requiredColumns} and each column in {@code columnTypes} with
 * that type. Checked against the data set's columns before the scan, with no SQL of its own; it judges the data set as
 * a whole: either no row fails or all do. Unlike other checks, a column it names that the data set lacks fails the
 * check rather than the job.
 *
 * @param name the check's name, unique within its rule set
 * @param dimension the dimension its score counts towards
 * @param requiredColumns columns that must exist (names exact, case included)
 * @param columnTypes columns that must exist with the given type, as the engine names it ({@code BIGINT},
 *     {@code VARCHAR}, {@code DOUBLE}, {@code DATE}, {@code TIMESTAMP}, …; compared ignoring case), in rule-set order
 */
public record SchemaCheck(String name, Dimension dimension, List<String> requiredColumns,
        Map<String, String> columnTypes) implements Check {

    public static final String TYPE = "schema";
    public static final Dimension DEFAULT_DIMENSION = Dimension.CONSISTENCY;

    public SchemaCheck {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(dimension, "dimension");
        requiredColumns = List.copyOf(requiredColumns);
        columnTypes = Collections.unmodifiableMap(new LinkedHashMap<>(columnTypes));
        if (requiredColumns.isEmpty() && columnTypes.isEmpty()) {
            throw new IllegalArgumentException("a schema check needs required columns, column types or both");
        }
    }

    @Override
    public String type() {
        return TYPE;
    }

    /** None: a schema check reports missing columns itself instead of failing the job. */
    @Override
    public List<String> columns() {
        return List.of();
    }
}
