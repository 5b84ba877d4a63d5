/**
 * Compilation of a rule set into SQL: one aggregate query that evaluates every check in a single scan and, on DuckDB,
 * gathers capped samples of the rows that fail each check in that scan; elsewhere one capped query per failing check
 * fetches them.
 *
 * <p>Each row-level check has a <em>failure predicate</em>, true exactly for the rows that fail it:
 * <ul>
 *   <li>{@code not_null}: the value is null;</li>
 *   <li>{@code regex}: the value is not null and its text does not match the whole pattern;</li>
 *   <li>{@code between}: the value is not null and is not a number or lies outside the bounds;</li>
 *   <li>{@code allowed_values}: the value is not null and its text is not one of the values;</li>
 *   <li>{@code unique}: the row's combination of key values occurs more than once (a window count), and no key
 *       value is null.</li>
 * </ul>
 * {@code length} and {@code format} predicates are like {@code regex}'s; an {@code expression} check fails rows
 * where its condition is false (null passes). {@code row_count} has no predicate; the row count comes from the same
 * scan, and so do the aggregates {@code freshness} (newest timestamp) and {@code metric} checks measure. A check's
 * filter is ANDed into its predicate and counted as the rows it checked. {@code schema} needs no SQL.
 *
 * <p>Everything that comes from a rule set or a data set reaches SQL only through
 * {@link dev.outpost.dq.sql.SqlDialect}'s quoting; the engine-specific spellings live in the dialect
 * ({@link dev.outpost.dq.sql.DuckDbDialect}, {@link dev.outpost.dq.sql.PostgresDialect} for push-down), so another
 * engine needs a dialect, not another compiler. A {@code reference} check's predicate looks the value up in the
 * reference relation's distinct values (an uncorrelated {@code IN}); checks with {@code group_by} make the one query
 * group by {@code GROUPING SETS}.
 */
package dev.outpost.dq.sql;
