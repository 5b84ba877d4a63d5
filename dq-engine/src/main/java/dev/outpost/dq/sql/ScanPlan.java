package dev.outpost.dq.sql;

import dev.outpost.dq.rules.Check;
import dev.outpost.dq.rules.RowExpression;
import dev.outpost.dq.rules.RuleSet;
import dev.outpost.dq.rules.UniqueCheck;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

/**
 * A rule set compiled against one relation: one aggregate query that evaluates every check in a single scan, and the
 * queries that fetch samples of failing rows. Where the dialect allows, the scan gathers the samples too
 * ({@link #aggregateQuery(int)}); else one capped query per failing check fetches them ({@link #sampleQuery}).
 *
 * <p>The aggregate query returns one row. Its first column is the number of rows scanned; column {@code i + 2}
 * (1-based) is the number of rows failing {@code rowLevelChecks().get(i)}; after those, column
 * {@code rowLevelChecks().size() + j + 2} is the value {@code measuredChecks().get(j)} measured (a metric, or the
 * newest timestamp in epoch milliseconds), null when there was nothing to measure. Per-row failure flags and values
 * are computed in a subquery so that window-based predicates ({@code unique}) are counted in the same pass as the
 * others.
 *
 * <p>When checks have a {@code group_by}, the same query groups by {@code GROUPING SETS}: the empty set (the whole data
 * set) and each distinct {@code group_by} list, still in one scan. It then returns one row per group and set, led by
 * {@link #keyColumnCount()} columns: the grouping id ({@link #groupingId(List)}, equal to {@link #totalGroupingId()}
 * on the whole-data-set row) and each of {@link #groupColumns()} as text (null where not grouped by it). The
 * aggregate columns follow in the layout above, shifted by that count.
 */
public final class ScanPlan {

    /**
     * A unique check's rows carry their text through its window when their key falls in one of this many buckets:
     * about 3 % of the rows, against reading the data a second time for samples of duplicates.
     */
    private static final int DUPLICATE_BUCKETS = 32;

    private final String relation;
    private final List<String> relationColumns;
    private final SqlDialect dialect;
    private final Map<Check, String> predicates;
    private final Map<Check, Measure> measures;
    private final Map<Check, String> filters;
    private final List<String> groupColumns;
    private final List<List<String>> groupingSets;
    private final Optional<RowPositions> positions;

    private ScanPlan(String relation, List<String> relationColumns, SqlDialect dialect, Map<Check, String> predicates,
            Map<Check, Measure> measures, Map<Check, String> filters, List<List<String>> groupingSets,
            Optional<RowPositions> positions) {
        this.relation = relation;
        this.relationColumns = relationColumns;
        this.dialect = dialect;
        this.predicates = predicates;
        this.measures = measures;
        this.filters = filters;
        this.groupingSets = groupingSets;
        this.positions = positions;
        LinkedHashSet<String> columns = new LinkedHashSet<>();
        groupingSets.forEach(columns::addAll);
        this.groupColumns = List.copyOf(columns);
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
        return compile(ruleSet, relation, relationColumns, Map.of(), dialect);
    }

    /**
     * Compiles {@code ruleSet} against a relation, with the other relations its {@code reference} checks read.
     *
     * @param references the FROM-clause item of each reference source, by the name the rule set gives it
     * @throws IllegalArgumentException when a {@code reference} check names a source not in {@code references}
     */
    public static ScanPlan compile(RuleSet ruleSet, String relation, List<String> relationColumns,
            Map<String, String> references, SqlDialect dialect) {
        FailurePredicates failurePredicates = new FailurePredicates(dialect, references);
        Map<Check, String> predicates = new LinkedHashMap<>();
        Map<Check, Measure> measures = new LinkedHashMap<>();
        Map<Check, String> filters = new LinkedHashMap<>();
        LinkedHashSet<List<String>> groupingSets = new LinkedHashSet<>();
        for (Check check : ruleSet.checks()) {
            Optional<RowExpression> filter = ruleSet.policyOf(check).filter();
            failurePredicates.of(check, filter).ifPresent(predicate -> predicates.put(check, predicate));
            failurePredicates.measureOf(check, filter).ifPresent(measure -> measures.put(check, measure));
            filter.ifPresent(f -> filters.put(check, failurePredicates.admitted(f)));
            if (ruleSet.policyOf(check).grouped()) {
                groupingSets.add(ruleSet.policyOf(check).groupBy());
            }
        }
        return new ScanPlan(relation, List.copyOf(relationColumns), dialect, predicates, measures, filters,
                List.copyOf(groupingSets), Optional.empty());
    }

    /**
     * This plan for a relation that numbers its rows: its scan then gathers the positions of failing rows, and
     * {@link #rowsAtQuery} reads them.
     */
    public ScanPlan withRowPositions(RowPositions rowPositions) {
        return new ScanPlan(relation, relationColumns, dialect, predicates, measures, filters, groupingSets,
                Optional.of(rowPositions));
    }

    /** Whether {@link #aggregateQuery(int)} gathers row positions rather than rows as text. */
    public boolean samplesByPosition() {
        return samplesInScan() && positions.isPresent();
    }

    /** Every column some check groups by, in rule-set order; empty when no check has a {@code group_by}. */
    public List<String> groupColumns() {
        return groupColumns;
    }

    /**
     * How many columns lead each row of {@link #aggregateQuery()} before the aggregates: 0 without grouping, else the
     * grouping id and one per group column.
     */
    public int keyColumnCount() {
        return groupColumns.isEmpty() ? 0 : 1 + groupColumns.size();
    }

    /**
     * The grouping id of the rows grouped by {@code groupBy} (a check's {@code group_by} list): SQL's
     * {@code GROUPING()} over {@link #groupColumns()}, a bit per column, the first column the most significant, set
     * where the row is not grouped by that column.
     */
    public long groupingId(List<String> groupBy) {
        long id = 0;
        for (String column : groupColumns) {
            id = (id << 1) | (groupBy.contains(column) ? 0 : 1);
        }
        return id;
    }

    /** The grouping id of the row over the whole data set. */
    public long totalGroupingId() {
        return groupingId(List.of());
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
        return aggregateQuery(0);
    }

    /**
     * Whether {@link #aggregateQuery(int)} gathers samples in its scan: the dialect has {@link SampleAggregates}, some
     * check judges rows, and no check groups (samples are of the whole data set; per group they would multiply).
     * Otherwise samples come from {@link #sampleQuery(Check, int)}, one query per failing check.
     */
    public boolean samplesInScan() {
        return dialect.sampleAggregates().isPresent() && groupColumns.isEmpty() && !predicates.isEmpty();
    }

    /**
     * {@link #aggregateQuery()}, gathering samples of failing rows in the same scan when {@code sampleLimit} is
     * positive and {@link #samplesInScan()}. After the columns described above come, per row-level check in the order
     * of {@link #rowLevelChecks()}, the smallest {@code sampleLimit} of its failing rows as lists of text (only rows
     * failing a check carry their text, so a {@code unique} check gets those of its rows that also fail another check
     * or whose key falls in a fixed share of keys), and for a {@code unique} check also the smallest keys of its
     * failing rows. {@link #samplesQuery} and {@link #duplicatesQuery} read them once this query's result is stored
     * in a table. {@linkplain #samplesByPosition() By position}, each row-level check keeps instead the smallest
     * {@code sampleLimit} positions of its failing rows (its first failing rows in reading order, for every check
     * alike), which {@link #samplePositionsQuery} and {@link #rowsAtQuery} turn into rows.
     */
    public String aggregateQuery(int sampleLimit) {
        if (sampleLimit < 0) {
            throw new IllegalArgumentException("sampleLimit cannot be negative, was " + sampleLimit);
        }
        if (predicates.isEmpty() && measures.isEmpty() && filters.isEmpty()) {
            return "SELECT count(*) AS rows_scanned FROM " + relation;
        }
        Optional<SampleAggregates> sampling = sampleLimit > 0 && samplesInScan() ? dialect.sampleAggregates()
                : Optional.empty();
        // Row values are computed before any window (unique) predicate, in the innermost query, so the window
        // carries a few flags and its keys instead of every column the other checks read.
        List<String> values = new ArrayList<>();
        List<String> valueNames = new ArrayList<>();
        List<String> passed = new ArrayList<>();
        List<String> windowed = new ArrayList<>();
        List<String> counts = new ArrayList<>();
        List<String> rowFlags = new ArrayList<>();
        List<String> samples = new ArrayList<>();
        counts.add("count(*) AS rows_scanned");
        int index = 0;
        for (Map.Entry<Check, String> predicate : predicates.entrySet()) {
            String failed = "failed_" + index;
            if (!(predicate.getKey() instanceof UniqueCheck unique)) {
                addValue(values, valueNames, "(" + predicate.getValue() + ")", failed);
                passed.add(failed);
                rowFlags.add(failed);
            } else {
                List<String> keys = new ArrayList<>();
                for (int k = 0; k < unique.columns().size(); k++) {
                    addValue(values, valueNames, column(unique.columns().get(k)), failed + "_key_" + k);
                    keys.add(failed + "_key_" + k);
                }
                Optional<String> admitted = Optional.ofNullable(filters.get(predicate.getKey()));
                admitted.ifPresent(a -> addValue(values, valueNames, "(" + a + ")", failed + "_admitted"));
                windowed.add("(" + FailurePredicates.duplicatedOver(keys, admitted.map(a -> failed + "_admitted"))
                        + ") AS " + failed);
                if (sampling.isPresent() && positions.isEmpty()) {
                    SampleAggregates s = sampling.get();
                    passed.addAll(keys);
                    // Rows of one key in DUPLICATE_BUCKETS carry their text through the window, whether they turn
                    // out duplicated or not: enough to sample most duplicates without reading the data again.
                    rowFlags.add(s.inBucket(keys, DUPLICATE_BUCKETS));
                    samples.add(s.smallest(keys.size() == 1 ? keys.getFirst() : s.tuple(keys), sampleLimit)
                            + " FILTER (WHERE " + failed + ") AS sample_keys_" + index);
                }
            }
            counts.add("count(*) FILTER (WHERE " + failed + ") AS " + failed);
            if (sampling.isPresent()) {
                samples.add(sampling.get().smallest(positions.isPresent() ? "row_position" : "sample_row",
                        sampleLimit) + " FILTER (WHERE " + failed + ") AS sample_" + index);
            }
            index++;
        }
        index = 0;
        for (Measure measure : measures.values()) {
            addValue(values, valueNames, measure.perRow(), "value_" + index);
            passed.add("value_" + index);
            counts.add(measure.aggregate().apply("value_" + index) + " AS measured_" + index);
            index++;
        }
        index = 0;
        for (String admitted : filters.values()) {
            addValue(values, valueNames, "(" + admitted + ")", "admitted_" + index);
            passed.add("admitted_" + index);
            counts.add("count(*) FILTER (WHERE admitted_" + index + ") AS checked_" + index);
            index++;
        }
        List<String> keys = new ArrayList<>();
        List<String> keyTexts = new ArrayList<>();
        for (int k = 0; k < groupColumns.size(); k++) {
            addValue(values, valueNames, column(groupColumns.get(k)), "group_" + k);
            passed.add("group_" + k);
            keys.add("group_" + k);
            keyTexts.add(dialect.castToText("group_" + k) + " AS group_key_" + k);
        }
        if (sampling.isPresent() && positions.isPresent()) {
            // A position is one integer per row: cheap to carry through a window and to keep the smallest of.
            addValue(values, valueNames, positions.get().expression(), "row_position");
            passed.add("row_position");
        }
        String rowValues = "SELECT " + String.join(", ", values) + " FROM " + relation;
        if (sampling.isPresent() && positions.isEmpty()) {
            // The relation's columns ride one level up under names no check uses, and become text only in rows that
            // fail a check (or may be duplicates): converting every row would cost more than the checks.
            List<String> texts = new ArrayList<>();
            for (int j = 0; j < relationColumns.size(); j++) {
                values.add(column(relationColumns.get(j)) + " AS row_column_" + j);
                texts.add(dialect.castToText("row_column_" + j));
            }
            rowValues = "SELECT " + String.join(", ", valueNames) + ", CASE WHEN " + String.join(" OR ", rowFlags)
                    + " THEN " + sampling.get().list(texts) + " END AS sample_row FROM (SELECT "
                    + String.join(", ", values) + " FROM " + relation + ") AS row_columns";
            passed.add("sample_row");
        }
        passed.addAll(windowed);
        String rowFailures = windowed.isEmpty() ? rowValues
                : "SELECT " + String.join(", ", passed) + " FROM (" + rowValues + ") AS row_values";
        counts.addAll(samples);
        if (groupColumns.isEmpty()) {
            return "SELECT " + String.join(", ", counts) + " FROM (" + rowFailures + ") AS row_failures";
        }
        String sets = groupingSets.stream()
                .map(set -> set.stream().map(c -> "group_" + groupColumns.indexOf(c)).collect(Collectors.joining(", ",
                        "(", ")")))
                .collect(Collectors.joining(", ", "GROUPING SETS ((), ", ")"));
        String order = IntStream.rangeClosed(1, keyColumnCount()).mapToObj(Integer::toString)
                .collect(Collectors.joining(", "));
        return "SELECT GROUPING(" + String.join(", ", keys) + ") AS grouping_set, " + String.join(", ", keyTexts)
                + ", " + String.join(", ", counts)
                + " FROM (" + rowFailures + ") AS row_failures"
                + " GROUP BY " + sets + " ORDER BY " + order;
    }

    private static void addValue(List<String> values, List<String> names, String expression, String name) {
        values.add(expression + " AS " + name);
        names.add(name);
    }

    /**
     * The samples {@link #aggregateQuery(int)} gathered for {@code checks}, as rows: the check's index in
     * {@link #rowLevelChecks()}, then every relation column as text.
     *
     * @param checks row-level checks that have failures
     * @param scanResult the table holding the one row {@code aggregateQuery(sampleLimit)} returned
     * @throws IllegalStateException when the plan does not gather samples in its scan
     */
    public String samplesQuery(List<Check> checks, String scanResult) {
        SampleAggregates sampling = requireSamplesInScan();
        List<String> selects = new ArrayList<>();
        for (Check check : checks) {
            int index = rowLevelChecks().indexOf(check);
            List<String> texts = new ArrayList<>();
            for (int j = 0; j < relationColumns.size(); j++) {
                texts.add(sampling.element("sampled", j + 1));
            }
            selects.add("SELECT " + index + " AS sample_of, " + String.join(", ", texts) + " FROM (SELECT "
                    + sampling.unnest("sample_" + index) + " AS sampled FROM " + scanResult + ") AS sampled_" + index);
        }
        return String.join(" UNION ALL ", selects);
    }

    /**
     * The positions {@link #aggregateQuery(int)} gathered for {@code checks}, as rows: the check's index in
     * {@link #rowLevelChecks()}, then a position.
     *
     * @param checks row-level checks that have failures
     * @param scanResult the table holding the one row {@code aggregateQuery(sampleLimit)} returned
     * @throws IllegalStateException when the plan does not gather samples by position
     */
    public String samplePositionsQuery(List<Check> checks, String scanResult) {
        requirePositions();
        SampleAggregates sampling = dialect.sampleAggregates().orElseThrow();
        List<Check> rowLevel = rowLevelChecks();
        return checks.stream()
                .map(rowLevel::indexOf)
                .map(index -> "SELECT " + index + " AS sample_of, " + sampling.unnest("sample_" + index)
                        + " AS row_position FROM " + scanResult)
                .collect(Collectors.joining(" UNION ALL "));
    }

    /**
     * The rows at {@code wanted} positions: the position, then every relation column as text.
     *
     * @throws IllegalStateException when the plan does not gather samples by position
     */
    public String rowsAtQuery(Collection<Long> wanted) {
        RowPositions rowPositions = requirePositions();
        return "SELECT " + rowPositions.expression() + " AS row_position, " + relationColumnsAsText() + " FROM "
                + relation + " WHERE " + rowPositions.at(wanted);
    }

    private RowPositions requirePositions() {
        if (!samplesByPosition()) {
            throw new IllegalStateException("this plan gathers no row positions in its scan");
        }
        return positions.orElseThrow();
    }

    /** Every relation column as text, in order. */
    private String relationColumnsAsText() {
        return relationColumns.stream().map(c -> dialect.castToText(column(c))).collect(Collectors.joining(", "));
    }

    /**
     * Up to {@code sampleLimit} rows failing the {@code unique} check, read again from the relation by the keys
     * {@link #aggregateQuery(int)} gathered (every row with such a key fails), in the relation's order, each
     * relation column as text: for when the scan's own samples of the check fall short.
     *
     * @param scanResult the table holding the one row {@code aggregateQuery(sampleLimit)} returned
     * @throws IllegalStateException when the plan does not gather samples in its scan
     */
    public String duplicatesQuery(UniqueCheck check, int sampleLimit, String scanResult) {
        SampleAggregates sampling = requireSamplesInScan();
        int index = rowLevelChecks().indexOf(check);
        List<String> keyColumns = check.columns().stream().map(this::column).toList();
        String key = keyColumns.size() == 1 ? keyColumns.getFirst() : sampling.tuple(keyColumns);
        String admitted = Optional.ofNullable(filters.get(check)).map(a -> "(" + a + ") AND ").orElse("");
        return "SELECT " + relationColumnsAsText() + " FROM (SELECT * FROM " + relation + " WHERE " + admitted + key + " IN (SELECT "
                + sampling.unnest("sample_keys_" + index) + " FROM " + scanResult + ") LIMIT " + sampleLimit
                + ") AS duplicated";
    }

    private SampleAggregates requireSamplesInScan() {
        if (!samplesInScan() || samplesByPosition()) {
            throw new IllegalStateException("this plan gathers no rows as text in its scan");
        }
        return dialect.sampleAggregates().orElseThrow();
    }

    private String column(String name) {
        return dialect.quoteIdentifier(name);
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
