package dev.outpost.dq.sql;

import java.util.function.UnaryOperator;

/**
 * How a check on the data set as a whole gets its one value from the scan: an expression per row, and an aggregate of
 * it over all rows.
 *
 * @param perRow the expression evaluated for each row, next to the failure flags
 * @param aggregate the aggregate over the per-row values, given the name of the column that holds them
 */
record Measure(String perRow, UnaryOperator<String> aggregate) {
}
