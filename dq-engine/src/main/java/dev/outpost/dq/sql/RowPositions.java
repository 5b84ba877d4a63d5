package dev.outpost.dq.sql;

import java.util.Collection;

/**
 * How a relation numbers its rows in reading order, for readers that know each row's place (DuckDB's Parquet reader:
 * file and row within the file). With it a scan gathers failing rows as positions, a few integers per check, and the
 * rows themselves are read back by position afterwards without a second pass: the reader skips to them.
 */
public interface RowPositions {

    /** A BIGINT expression over the relation, unique per row, increasing in reading order. */
    String expression();

    /** A condition over the relation true exactly for the rows at {@code positions}, cheap enough to skip to them. */
    String at(Collection<Long> positions);
}
