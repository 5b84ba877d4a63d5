package dev.outpost.dq.rules;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The options every check has besides what it measures: which rows it looks at, how many failures it tolerates, and
 * what exceeding that means.
 *
 * @param severity whether exceeding the threshold fails the job's checks or only warns
 * @param threshold the failing rows tolerated; {@link Threshold#NONE} for checks on the data set as a whole
 * @param filter the condition a row must meet for the check to look at it (rows where it is false or null are
 *     skipped); empty to look at every row
 */
public record CheckPolicy(Severity severity, Threshold threshold, Optional<RowExpression> filter) {

    /** Every row, no failure tolerated, and a failure fails. */
    public static final CheckPolicy DEFAULT = new CheckPolicy(Severity.FAIL, Threshold.NONE);

    public CheckPolicy {
        Objects.requireNonNull(severity, "severity");
        Objects.requireNonNull(threshold, "threshold");
        Objects.requireNonNull(filter, "filter");
    }

    /** A policy that looks at every row. */
    public CheckPolicy(Severity severity, Threshold threshold) {
        this(severity, threshold, Optional.empty());
    }

    /** The columns the filter reads. */
    public List<String> filterColumns() {
        return filter.map(RowExpression::columnsOf).orElse(List.of());
    }
}
