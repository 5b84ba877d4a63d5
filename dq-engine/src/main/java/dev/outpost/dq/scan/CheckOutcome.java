package dev.outpost.dq.scan;

import dev.outpost.dq.rules.Check;

/**
 * The result of one check.
 *
 * @param rowsChecked the rows the check examined (every row of the data set)
 * @param rowsFailed the rows that failed it; for {@code row_count}, 0 when it passes and every row when it fails
 * @param passed whether no row failed (for {@code row_count}: whether the row count is within bounds)
 * @param score from 0.0 to 1.0, see the {@linkplain dev.outpost.dq.scan package documentation}
 * @param samplesStored how many failing rows were handed to the {@link SampleSink}
 */
public record CheckOutcome(Check check, long rowsChecked, long rowsFailed, boolean passed, double score,
        long samplesStored) {
}
