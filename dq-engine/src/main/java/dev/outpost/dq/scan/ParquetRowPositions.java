package dev.outpost.dq.scan;

import dev.outpost.dq.sql.RowPositions;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * Rows of DuckDB's Parquet reader numbered by file and row within the file: its virtual columns {@code file_index} and
 * {@code file_row_number}. The reader applies a filter on them before decoding anything, so reading a few rows back by
 * position costs milliseconds however large the files are.
 */
final class ParquetRowPositions implements RowPositions {

    /** Room for 2^40 rows per file and 2^23 files in a positive BIGINT. */
    private static final int ROW_BITS = 40;
    private static final long ROW_MASK = (1L << ROW_BITS) - 1;
    private static final List<String> VIRTUAL_COLUMNS = List.of("file_index", "file_row_number");

    private ParquetRowPositions() {
    }

    /**
     * The positions of a Parquet relation with {@code columns}; empty when one of the files' own columns has the name
     * of a virtual column, which it then hides (DuckDB's names ignore case).
     */
    static Optional<RowPositions> of(List<Column> columns) {
        boolean hidden = columns.stream().map(c -> c.name().toLowerCase(Locale.ROOT)).anyMatch(VIRTUAL_COLUMNS::contains);
        return hidden ? Optional.empty() : Optional.of(new ParquetRowPositions());
    }

    @Override
    public String expression() {
        return "((file_index::BIGINT << " + ROW_BITS + ") + file_row_number)";
    }

    @Override
    public String at(Collection<Long> positions) {
        // The first two conditions are what the reader skips by; the last keeps only the exact pairs.
        return "file_index IN (" + join(positions.stream().map(p -> p >>> ROW_BITS).distinct().toList())
                + ") AND file_row_number IN (" + join(positions.stream().map(p -> p & ROW_MASK).distinct().toList())
                + ") AND " + expression() + " IN (" + join(positions) + ")";
    }

    private static String join(Collection<Long> numbers) {
        if (numbers.isEmpty()) {
            throw new IllegalArgumentException("no positions to read");
        }
        return numbers.stream().map(n -> Long.toString(n)).collect(Collectors.joining(", "));
    }
}
