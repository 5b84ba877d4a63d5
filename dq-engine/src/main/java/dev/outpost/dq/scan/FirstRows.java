package dev.outpost.dq.scan;

import java.util.List;

/**
 * The first rows of a data set, for showing to a person: its column names and each value as text.
 *
 * @param columns the column names in order
 * @param rows    the rows in file order, each value as DuckDB renders it (null for SQL NULL)
 */
public record FirstRows(List<String> columns, List<List<String>> rows) {
}
