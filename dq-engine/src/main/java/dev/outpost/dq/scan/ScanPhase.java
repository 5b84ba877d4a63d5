package dev.outpost.dq.scan;

/** The stages of one evaluation, in order. */
public enum ScanPhase {
    /** Opening the files and reading their columns. */
    READING_SCHEMA,
    /** The one aggregate query over all rows; by far the longest phase. */
    SCANNING,
    /**
     * Reading the samples of failing rows: on DuckDB those the scan gathered (a {@code unique} check's rows read
     * again by their keys); pushed down to PostgreSQL or with grouped checks, one query per failing check.
     */
    SAMPLING
}
