package dev.outpost.dq.sql;

import dev.outpost.dq.rules.Check;
import dev.outpost.dq.rules.RowExpression;
import dev.outpost.dq.rules.RuleSet;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * A rule set compiled against one relation: one aggregate query that evaluates every check in a single scan, and the
 * queries that fetch samples of failing rows.
 *
 * <p>The aggregate query returns one row. Its first column is the number of rows scanned; column {@code i + 2}
 * (1-based) is the number of rows failing {@code rowLevelChecks().get(i)}; after those, column
 * {@code rowLevelChecks().size() + j + 2} is the value {@code measuredChecks().get(j)} measured (a metric, or the
 * newest timestamp in epoch milliseconds), null when there was nothing to measure. Per-row failure flags and values
 * are computed in a subquery so that window-based predicates ({@code unique}) are counted in the same pass as the
 * others.
 */
public final class ScanPlan {

    private final String relation;
    private final List<String> relationColumns;
    private final SqlDialect dialect;
    private final Map<Check, String> predicates;
    private final Map<Check, Measure> measures;
    private final Map<Check, String> filters;

    private ScanPlan(String relation, List<String> relationColumns, SqlDialect dialect, Map<Check, String> predicates,
            Map<Check, Measure> measures, Map<Check, String> filters) {
        this.relation = relation;
        this.relationColumns = relationColumns;
        this.dialect = dialect;
        this.predicates = predicates;
        this.measures = measures;
        this.filters = filters;
    }

    /**
     * Compiles {@code ruleSet} against a relation.
     *
     * @param relation a FROM-clause item, e.g. {@code read_csv([...])} or a quoted table name; used as it is
     * @param relationColumns the relation's columns, in order; samples show these, and every column a check reads
     *     must be among them
     */
    public static ScanPlan compile(RuleSet ruleSet, String relation, List<String> relationColumns,
            SqlDialect dialect) {
        FailurePredicates failurePredicates = new FailurePredicates(dialect);
        Map<Check, String> predicates = new LinkedHashMap<>();
        Map<Check, Measure> measures = new LinkedHashMap<>();
        Map<Check, String> filters = new LinkedHashMap<>();
        for (Check check : ruleSet.checks()) {
            Optional<RowExpression> filter = ruleSet.policyOf(check).filter();
            failurePredicates.of(check, filter).ifPresent(predicate -> predicates.put(check, predicate));
            failurePredicates.measureOf(check, filter).ifPresent(measure -> measures.put(check, measure));
            filter.ifPresent(f -> filters.put(check, failurePredicates.admitted(f)));
        }
        return new ScanPlan(relation, List.copyOf(relationColumns), dialect, predicates, measures, filters);
    }

    /**
     * The checks with a filter, in the order of their columns in {@link #aggregateQuery()}: after the measured
     * values, column {@code rowLevelChecks().size() + measuredChecks().size() + k + 2} is the number of rows
     * {@code filteredChecks().get(k)} looks at.
     */
    public List<Check> filteredChecks() {
        return List.copyOf(filters.keySet());
    }

    /** The checks on the whole data set that take a value from the scan, in the order of their columns. */
    public List<Check> measuredChecks() {
        return List.copyOf(measures.keySet());
    }

    /** The checks that judge individual rows, in the order of their columns in {@link #aggregateQuery()}. */
    public List<Check> rowLevelChecks() {
        return List.copyOf(predicates.keySet());
    }

    /** The one query that counts the rows and, per row-level check, the rows that fail it. */
    public String aggregateQuery() {
        if (predicates.isEmpty() && measures.isEmpty() && filters.isEmpty()) {
            return "SELECT count(*) AS rows_scanned FROM " + relation;
        }
        List<String> flags = new ArrayList<>();
        List<String> counts = new ArrayList<>();
        counts.add("count(*) AS rows_scanned");
        int index = 0;
        for (String predicate : predicates.values()) {
            flags.add("(" + predicate + ") AS failed_" + index);
            counts.add("count(*) FILTER (WHERE failed_" + index + ") AS failed_" + index);
            index++;
        }
        index = 0;
        for (Measure measure : measures.values()) {
            flags.add(measure.perRow() + " AS value_" + index);
            counts.add(measure.aggregate().apply("value_" + index) + " AS measured_" + index);
            index++;
        }
        index = 0;
        for (String admitted : filters.values()) {
            flags.add("(" + admitted + ") AS admitted_" + index);
            counts.add("count(*) FILTER (WHERE admitted_" + index + ") AS checked_" + index);
            index++;
        }
        return "SELECT " + String.join(", ", counts)
                + " FROM (SELECT " + String.join(", ", flags) + " FROM " + relation + ") AS row_failures";
    }

    /**
     * A query for at most {@code limit} rows failing {@code check}, with every relation column converted to text
     * and named as in the relation; empty for checks that do not judge individual rows.
     */
    public Optional<String> sampleQuery(Check check, int limit) {
        if (limit < 1) {
            throw new IllegalArgumentException("limit must be positive, was " + limit);
        }
        String predicate = predicates.get(check);
        if (predicate == null) {
            return Optional.empty();
        }
        String flag = dialect.quoteIdentifier(unusedColumnName("failed"));
        String columns = relationColumns.stream().map(dialect::quoteIdentifier).collect(Collectors.joining(", "));
        String asText = relationColumns.stream()
                .map(dialect::quoteIdentifier)
                .map(column -> dialect.castToText(column) + " AS " + column)
                .collect(Collectors.joining(", "));
        return Optional.of("SELECT " + asText
                + " FROM (SELECT " + columns + ", (" + predicate + ") AS " + flag + " FROM " + relation + ")"
                + " AS row_failures WHERE " + flag + " LIMIT " + limit);
    }

    /** A column name that no relation column uses, compared case-insensitively as most engines do. */
    private String unusedColumnName(String base) {
        Set<String> taken = relationColumns.stream().map(c -> c.toLowerCase(Locale.ROOT)).collect(Collectors.toSet());
        String name = base;
        for (int suffix = 1; taken.contains(name); suffix++) {
            name = base + "_" + suffix;
        }
        return name;
    }
}
