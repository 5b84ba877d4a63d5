package dev.outpost.dq.scan;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.OptionalDouble;

/**
 * How a check with a {@code group_by} fared per group. The counts may leave the edge; the groups' key values are data
 * and stay where the data may be, like samples.
 *
 * @param columns the columns the check groups by
 * @param groups how many groups the data set has (exact)
 * @param groupsFailed how many of them do not pass the check on their own (exact)
 * @param failing the first failing groups in key order, at most the check's {@code max_groups}
 */
public record GroupResults(List<String> columns, long groups, long groupsFailed, List<Group> failing) {

    public GroupResults {
        columns = List.copyOf(columns);
        failing = List.copyOf(failing);
    }

    /**
     * One failing group.
     *
     * @param key the group's values of {@link #columns()}, as text, {@code null} for null
     * @param rowsChecked the group's rows the check looked at
     * @param rowsFailed the group's rows that failed it (every checked row for checks on the group as a whole)
     * @param observed the metric or age the check measured for the group, if it measures one
     */
    public record Group(List<String> key, long rowsChecked, long rowsFailed, OptionalDouble observed) {

        public Group {
            // A copy that keeps nulls (a null group key is a group of its own), which List.copyOf refuses.
            key = Collections.unmodifiableList(new ArrayList<>(key));
        }
    }
}
