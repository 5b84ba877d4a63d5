package dev.outpost.dq.scan;

import dev.outpost.dq.rules.Check;
import java.util.List;

/** Receives samples of failing rows; the job-runner stores them in the customer's own storage. */
@FunctionalInterface
public interface SampleSink {

    /** A sink that drops every sample. */
    SampleSink DISCARD = (check, columns, rows) -> {
    };

    /**
     * Called once per row-level check that has failures, with at most the sample limit of rows failing it.
     *
     * @param columns the data set's column names, in order
     * @param rows one list per row, aligned with {@code columns}; each value as DuckDB prints it, or {@code null}
     */
    void accept(Check check, List<String> columns, List<List<String>> rows);
}
