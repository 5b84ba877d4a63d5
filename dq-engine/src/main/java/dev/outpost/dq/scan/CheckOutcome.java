package dev.outpost.dq.scan;

import dev.outpost.dq.rules.Check;
import dev.outpost.dq.rules.Severity;
import java.util.Optional;
import java.util.OptionalDouble;

/**
 * The result of one check.
 *
 * @param rowsChecked the rows the check examined (every row of the data set)
 * @param rowsFailed the rows that failed it; for checks on the data set as a whole ({@code row_count},
 *     {@code freshness}, {@code metric}, {@code schema}), 0 when it passes and every row when it fails
 * @param passed whether the failing rows are within the check's threshold (for checks on the data set as a whole:
 *     whether the data set meets the check)
 * @param score from 0.0 to 1.0, see the {@linkplain dev.outpost.dq.scan package documentation}
 * @param samplesStored how many failing rows were handed to the {@link SampleSink}
 * @param severity the check's severity
 * @param warned whether the check did not pass and has severity {@link Severity#WARN}: it is reported as a warning
 *     and does not fail the job's checks
 * @param observed what the check measured when it measures one value: a {@code metric} check's metric, a
 *     {@code freshness} check's age of the newest timestamp in seconds; empty otherwise or when there was no value.
 *     Derived from the data (a min or max is a row's value): keep it where the data may be, like samples
 * @param detail why a check on the data set as a whole did not pass, in words (names, types, bounds and row counts,
 *     never a value computed from the data); empty when it passed or for row-level checks, whose failing rows are
 *     counted and sampled instead. For a check with a {@code group_by}, how many groups fail
 * @param groups for a check with a {@code group_by}, its results per group (which hold data values: keep them where
 *     the data may be); empty otherwise. With groups, {@code passed} means every group passed
 */
public record CheckOutcome(Check check, long rowsChecked, long rowsFailed, boolean passed, double score,
        long samplesStored, Severity severity, boolean warned, OptionalDouble observed, String detail,
        Optional<GroupResults> groups) {

    /** The outcome of a check without a {@code group_by}. */
    public CheckOutcome(Check check, long rowsChecked, long rowsFailed, boolean passed, double score,
            long samplesStored, Severity severity, boolean warned, OptionalDouble observed, String detail) {
        this(check, rowsChecked, rowsFailed, passed, score, samplesStored, severity, warned, observed, detail,
                Optional.empty());
    }

    /** Whether the check fails the job's checks: it did not pass and its severity is {@link Severity#FAIL}. */
    public boolean failed() {
        return !passed && severity == Severity.FAIL;
    }
}
