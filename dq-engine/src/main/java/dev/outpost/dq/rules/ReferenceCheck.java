package dev.outpost.dq.rules;

import java.util.List;
import java.util.Objects;

/**
 * Fails every row whose {@code column}, as text, is not null and does not occur in column {@code sourceColumn} of the
 * data source named {@code source} (a second relation the job supplies beside the one being checked). Null values
 * pass; nulls in the reference column match nothing.
 *
 * @param name the check's name, unique within its rule set
 * @param dimension the dimension its score counts towards
 * @param column the column whose values must exist in the reference
 * @param source the name under which the job supplies the reference data source
 * @param sourceColumn the reference data source's column holding the known values
 */
public record ReferenceCheck(String name, Dimension dimension, String column, String source, String sourceColumn)
        implements Check {

    public static final String TYPE = "reference";
    public static final Dimension DEFAULT_DIMENSION = Dimension.CONSISTENCY;

    public ReferenceCheck {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(dimension, "dimension");
        Objects.requireNonNull(column, "column");
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(sourceColumn, "sourceColumn");
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
