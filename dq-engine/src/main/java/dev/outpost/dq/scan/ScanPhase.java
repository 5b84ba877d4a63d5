package dev.outpost.dq.scan;

/** The stages of one evaluation, in order. */
public enum ScanPhase {
    /** Opening the files and reading their columns. */
    READING_SCHEMA,
    /** The one aggregate query over all rows; by far the longest phase. */
    SCANNING,
    /** Fetching samples of failing rows, one query per failing check. */
    SAMPLING
}
