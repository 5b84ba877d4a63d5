package dev.outpost.dq.scan;

/**
 * A column of a data set as the engine reads it.
 *
 * @param name the column name
 * @param type DuckDB's type name ({@code BIGINT}, {@code VARCHAR}, {@code DOUBLE}, {@code DATE}, …)
 */
public record Column(String name, String type) {
}
