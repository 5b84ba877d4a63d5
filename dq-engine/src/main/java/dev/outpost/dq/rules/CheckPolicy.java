package dev.outpost.dq.rules;

import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * The options every check has besides what it measures: which rows it looks at, how many failures it tolerates, what
 * exceeding that means, and whether it is judged per group of rows.
 *
 * @param severity whether exceeding the threshold fails the job's checks or only warns
 * @param threshold the failing rows tolerated; {@link Threshold#NONE} for checks on the data set as a whole. With
 *     {@code groupBy}, the threshold applies to each group
 * @param filter the condition a row must meet for the check to look at it (rows where it is false or null are
 *     skipped); empty to look at every row
 * @param groupBy the columns whose combinations of values split the rows into groups, each judged on its own; empty
 *     to judge the data set as one
 * @param maxGroups the most failing groups whose values are reported (counts of groups are always exact)
 */
public record CheckPolicy(Severity severity, Threshold threshold, Optional<RowExpression> filter,
        List<String> groupBy, int maxGroups) {

    /** How many failing groups are reported unless the check says otherwise. */
    public static final int DEFAULT_MAX_GROUPS = 100;

    /** Every row, no failure tolerated, and a failure fails. */
    public static final CheckPolicy DEFAULT = new CheckPolicy(Severity.FAIL, Threshold.NONE);

    public CheckPolicy {
        Objects.requireNonNull(severity, "severity");
        Objects.requireNonNull(threshold, "threshold");
        Objects.requireNonNull(filter, "filter");
        groupBy = List.copyOf(groupBy);
        if (maxGroups < 1) {
            throw new IllegalArgumentException("maxGroups must be positive, was " + maxGroups);
        }
    }

    /** A policy that judges the rows the filter admits as one. */
    public CheckPolicy(Severity severity, Threshold threshold, Optional<RowExpression> filter) {
        this(severity, threshold, filter, List.of(), DEFAULT_MAX_GROUPS);
    }

    /** A policy that looks at every row. */
    public CheckPolicy(Severity severity, Threshold threshold) {
        this(severity, threshold, Optional.empty());
    }

    /** Whether the check is judged per group. */
    public boolean grouped() {
        return !groupBy.isEmpty();
    }

    /** The columns the filter and the grouping read, besides those of the check itself. */
    public List<String> policyColumns() {
        return Stream.concat(filter.map(RowExpression::columnsOf).orElse(List.of()).stream(), groupBy.stream())
                .distinct()
                .toList();
    }
}
