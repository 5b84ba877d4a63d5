package dev.outpost.dq.scan;

import java.util.List;

/**
 * What a data set looks like without its values: its columns, as a scan reads them, and how many rows it holds.
 *
 * @param columns the columns in order
 * @param rows    the number of rows, counted in full
 */
public record DataShape(List<Column> columns, long rows) {
}
