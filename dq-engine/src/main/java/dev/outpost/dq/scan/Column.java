package dev.outpost.dq.scan;

/**
 * A column of a data set as the engine reads it.
 *
 * @param name the column name
 * @param type the engine's type name: DuckDB's ({@code BIGINT}, {@code VARCHAR}, {@code DOUBLE}, {@code DATE}, …) or
 *             PostgreSQL's ({@code int8} or {@code bigint}, {@code text}, {@code numeric(10,2)}, …)
 */
public record Column(String name, String type) {
}
