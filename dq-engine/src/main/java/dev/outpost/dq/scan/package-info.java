/**
 * Evaluation of a rule set against files on embedded DuckDB.
 *
 * <p>A {@link dev.outpost.dq.scan.DuckDbWorkspace} is an in-memory DuckDB that may read only files inside the job's
 * workspace directory. {@link dev.outpost.dq.scan.CheckEvaluator} checks that the rule set fits the data set's
 * columns, runs the one aggregate query, then fetches capped samples of failing rows for a
 * {@link dev.outpost.dq.scan.SampleSink}, and scores the result:
 *
 * <ul>
 *   <li>a row-level check's score is {@code (rowsChecked - rowsFailed) / rowsChecked}, and 1.0 when no row was
 *       checked; a {@code row_count} check scores 1.0 when it passes and 0.0 when it fails;</li>
 *   <li>a dimension's score is the mean score of its checks; only dimensions with checks are scored;</li>
 *   <li>the overall score is the mean score of all checks (not of the dimension scores).</li>
 * </ul>
 *
 * <p>A check examines every row, or the rows its filter admits; null values pass the checks on values. A row-level
 * check passes when its failing rows are within its threshold (none by default); a check on the data set as a whole
 * ({@code row_count}, {@code freshness}, {@code metric}, {@code schema}) passes or fails at once. A check that does not
 * pass and has severity {@code warn} is reported as warned, not failed.
 */
package dev.outpost.dq.scan;
