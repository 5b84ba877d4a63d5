package dev.outpost.dq.scan;

import dev.outpost.dq.rules.Check;
import dev.outpost.dq.rules.CheckPolicy;
import dev.outpost.dq.rules.FreshnessCheck;
import dev.outpost.dq.rules.MetricCheck;
import dev.outpost.dq.rules.ReferenceCheck;
import dev.outpost.dq.rules.RowCountCheck;
import dev.outpost.dq.rules.RuleSet;
import dev.outpost.dq.rules.SchemaCheck;
import dev.outpost.dq.rules.UniqueCheck;
import dev.outpost.dq.rules.Severity;
import dev.outpost.dq.sql.ScanPlan;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.TreeMap;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.jboss.logging.Logger;

/**
 * Evaluates a rule set against a data set: one aggregate scan for all checks, which on DuckDB also gathers capped
 * samples of failing rows (on Parquet as row positions, whose rows are read back after; elsewhere as text, and a
 * {@code unique} check's rows may be read once more by their keys); pushed down to
 * PostgreSQL, or when checks group, one capped query per failing row-level check fetches the samples instead. Runs on
 * a {@link DuckDbWorkspace} (files) or pushed down to PostgreSQL ({@link PostgresPushdown}). Scoring is described in
 * the {@linkplain dev.outpost.dq.scan package documentation}.
 */
public final class CheckEvaluator {

    private static final Logger LOG = Logger.getLogger(CheckEvaluator.class);
    /** The temporary table a scan that gathers samples leaves its one row in, until the samples are read from it. */
    private static final String SCAN_RESULT = "outpost_scan_result";
    /** Rows fetched per round trip when a grouped scan returns many groups. */
    private static final int FETCH_SIZE = 1_000;

    private final ProgressListener progress;
    private final Clock clock;

    /** An evaluator that reports no progress. */
    public CheckEvaluator() {
        this(ProgressListener.NONE);
    }

    public CheckEvaluator(ProgressListener progress) {
        this(progress, Clock.systemUTC());
    }

    /** @param clock gives the scan time that {@code freshness} checks measure ages against */
    public CheckEvaluator(ProgressListener progress, Clock clock) {
        this.progress = Objects.requireNonNull(progress, "progress");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /**
     * Evaluates every check of {@code ruleSet} against {@code dataSet}.
     *
     * @param sampleLimit the most failing rows to sample per check; 0 samples nothing
     * @param samples receives the samples, once per row-level check that has failures
     * @throws RuleSetMismatchException when a check reads a column the data set does not have
     * @throws DataUnreadableException when a file is missing, outside the workspace, corrupt or in another format
     */
    public ScanResult evaluate(DuckDbWorkspace workspace, DataSet dataSet, RuleSet ruleSet, int sampleLimit,
            SampleSink samples) {
        return evaluate(workspace, dataSet, Map.of(), ruleSet, sampleLimit, samples);
    }

    /**
     * Evaluates every check of {@code ruleSet} against {@code dataSet}, with the data sets its {@code reference}
     * checks read, in the same workspace.
     *
     * @param references the reference data sets, by the source names the rule set uses
     * @throws RuleSetMismatchException when a check reads a column the data set does not have, or a reference source
     *     (or its column) that is not supplied
     */
    public ScanResult evaluate(DuckDbWorkspace workspace, DataSet dataSet, Map<String, DataSet> references,
            RuleSet ruleSet, int sampleLimit, SampleSink samples) {
        requireSampleLimit(sampleLimit);
        progress.onProgress(ScanPhase.READING_SCHEMA, 0.0);
        List<FileSchemaDifference> differences = workspace.fileDifferences(dataSet);
        ScanResult result = evaluate(workspace.target(dataSet, references), ruleSet, sampleLimit, samples);
        return new ScanResult(result.rowsScanned(), result.checks(), result.dimensionScores(), result.score(),
                differences);
    }

    /**
     * Evaluates every check of {@code ruleSet} against a PostgreSQL table, pushed down: the database runs the scan
     * and the capped sample queries, and only their results come back.
     *
     * @param references the tables the rule set's {@code reference} checks read, by source name
     * @throws RuleSetMismatchException when a check reads a column the table does not have, or a reference source
     *     (or its column) that is not supplied
     * @throws DataUnreadableException when a table does not exist or cannot be read
     */
    public ScanResult evaluate(PostgresPushdown database, PostgresPushdown.Table table,
            Map<String, PostgresPushdown.Table> references, RuleSet ruleSet, int sampleLimit, SampleSink samples) {
        requireSampleLimit(sampleLimit);
        progress.onProgress(ScanPhase.READING_SCHEMA, 0.0);
        try {
            return evaluate(database.target(table, references), ruleSet, sampleLimit, samples);
        } finally {
            database.endScan();
        }
    }

    static void requireSampleLimit(int sampleLimit) {
        if (sampleLimit < 0) {
            throw new IllegalArgumentException("sampleLimit cannot be negative, was " + sampleLimit);
        }
    }

    ScanResult evaluate(ScanTarget target, RuleSet ruleSet, int sampleLimit, SampleSink samples) {
        List<Column> schema = target.data().columns();
        List<String> columns = target.data().columnNames();
        requireColumns(ruleSet, columns);
        requireReferences(ruleSet, target.references());
        Map<String, String> referenceRelations = target.references().entrySet().stream()
                .collect(Collectors.toMap(Map.Entry::getKey, e -> e.getValue().sql()));
        ScanPlan compiled = ScanPlan.compile(ruleSet, target.data().sql(), columns, referenceRelations,
                target.dialect());
        ScanPlan plan = target.data().positions().map(compiled::withRowPositions).orElse(compiled);
        progress.onProgress(ScanPhase.READING_SCHEMA, 1.0);

        progress.onProgress(ScanPhase.SCANNING, 0.0);
        Instant scanTime = clock.instant();
        boolean samplesInScan = sampleLimit > 0 && plan.samplesInScan();
        Scan scan;
        Map<Check, Integer> samplesStored = new HashMap<>();
        try {
            scan = scan(target, plan, ruleSet, scanTime, samplesInScan ? sampleLimit : 0);
            progress.onProgress(ScanPhase.SCANNING, 1.0);

            progress.onProgress(ScanPhase.SAMPLING, 0.0);
            List<Check> failing = plan.rowLevelChecks().stream()
                    .filter(check -> scan.total().failures().get(check) > 0)
                    .toList();
            long started = System.nanoTime();
            if (samplesInScan) {
                samplesStored.putAll(samplesFromScan(target, plan, failing, scan.total().failures(), sampleLimit,
                        columns, samples));
            } else if (sampleLimit > 0) {
                for (int i = 0; i < failing.size(); i++) {
                    if (i > 0) {
                        progress.onProgress(ScanPhase.SAMPLING, (double) i / failing.size());
                    }
                    Check check = failing.get(i);
                    samplesStored.put(check, sample(target, plan, check, sampleLimit, columns, samples));
                }
            }
            LOG.debugf("Sampled %d failing checks in %d ms (%s)", failing.size(),
                    (System.nanoTime() - started) / 1_000_000, samplesInScan ? "gathered by the scan"
                            : sampleLimit > 0 ? "one query per check" : "no samples asked for");
        } finally {
            if (samplesInScan) {
                dropScanResult(target);
            }
        }
        progress.onProgress(ScanPhase.SAMPLING, 1.0);

        List<CheckOutcome> outcomes = ruleSet.checks().stream()
                .map(check -> {
                    CheckOutcome whole = outcome(check, ruleSet.policyOf(check), scan.total(), schema, scanTime,
                            samplesStored.getOrDefault(check, 0));
                    GroupTally tally = scan.groups().get(check);
                    return tally == null ? whole : tally.outcome(whole);
                })
                .toList();
        return new ScanResult(scan.total().rows(), outcomes, Scores.byDimension(outcomes), Scores.overall(outcomes));
    }

    /**
     * What the one scan found over a set of rows (the whole data set or one group).
     *
     * @param rows the row count
     * @param failures the failing rows of each row-level check
     * @param measured the value each measured check took from the scan; null when there was nothing to measure
     * @param checked the rows each check with a filter looked at; other checks look at every row
     */
    private record Aggregates(long rows, Map<Check, Long> failures, Map<Check, Double> measured,
            Map<Check, Long> checked) {

        long checkedBy(Check check) {
            return checked.getOrDefault(check, rows);
        }
    }

    /** The whole data set's aggregates, and the groups of each check with a {@code group_by}. */
    private record Scan(Aggregates total, Map<Check, GroupTally> groups) {
    }

    /** Judges the groups of one check as they stream in, keeping the counts and the first failing groups. */
    private static final class GroupTally {

        private final CheckPolicy policy;
        private final List<GroupResults.Group> failing = new ArrayList<>();
        private long groups;
        private long groupsFailed;
        private long rowsInFailedGroups;

        GroupTally(CheckPolicy policy) {
            this.policy = policy;
        }

        void add(List<String> key, CheckOutcome group) {
            groups++;
            if (group.passed()) {
                return;
            }
            groupsFailed++;
            rowsInFailedGroups += group.rowsFailed();
            if (failing.size() < policy.maxGroups()) {
                failing.add(new GroupResults.Group(key, group.rowsChecked(), group.rowsFailed(), group.observed()));
            }
        }

        /**
         * The check's outcome: it passes when every group does. A row-level check keeps its counts over the whole
         * data set; a check on the data set as a whole fails the rows of its failing groups.
         */
        CheckOutcome outcome(CheckOutcome whole) {
            Check check = whole.check();
            boolean passed = groupsFailed == 0;
            long rowsFailed = !judgesWhole(check) ? whole.rowsFailed() : rowsInFailedGroups;
            double score = Scores.ofRows(whole.rowsChecked(), rowsFailed);
            String detail = passed ? "" : groupsFailed + " of " + groups + " groups by "
                    + policy.groupBy().stream().map(c -> "'" + c + "'").collect(Collectors.joining(", "))
                    + " fail";
            return new CheckOutcome(check, whole.rowsChecked(), rowsFailed, passed, score, whole.samplesStored(),
                    whole.severity(), !passed && whole.severity() == Severity.WARN, OptionalDouble.empty(), detail,
                    Optional.of(new GroupResults(policy.groupBy(), groups, groupsFailed, failing)));
        }
    }

    private static boolean judgesWhole(Check check) {
        return check instanceof RowCountCheck || check instanceof MetricCheck || check instanceof FreshnessCheck
                || check instanceof SchemaCheck;
    }

    private static CheckOutcome outcome(Check check, CheckPolicy policy, Aggregates aggregates, List<Column> schema,
            Instant scanTime, int samples) {
        long rows = aggregates.checkedBy(check);
        return switch (check) {
            case RowCountCheck rowCount -> wholeDataSet(check, policy, rows, rowCount.accepts(rows)
                    ? "" : (policy.filter().isPresent() ? "the filter admits " : "the data set has ") + rows
                            + " rows", OptionalDouble.empty());
            case SchemaCheck schemaCheck -> wholeDataSet(check, policy, rows, SchemaComparison.problems(schemaCheck,
                    schema), OptionalDouble.empty());
            case MetricCheck metric -> metricOutcome(metric, policy, rows, aggregates.measured().get(check));
            case FreshnessCheck freshness -> freshnessOutcome(freshness, policy, rows,
                    aggregates.measured().get(check), scanTime);
            default -> {
                long failed = aggregates.failures().get(check);
                boolean passed = policy.threshold().tolerates(failed, rows);
                yield new CheckOutcome(check, rows, failed, passed, Scores.ofRows(rows, failed), samples,
                        policy.severity(), !passed && policy.severity() == Severity.WARN, OptionalDouble.empty(), "");
            }
        };
    }

    private static CheckOutcome metricOutcome(MetricCheck metric, CheckPolicy policy, long rows, Double value) {
        if (value == null || value.isNaN() || value.isInfinite()) {
            return wholeDataSet(metric, policy, rows, "column '" + metric.column() + "' has no numeric value to"
                    + " compute " + metric.metric().yamlName() + " over", OptionalDouble.empty());
        }
        // The value itself stays out of the words: a min or max is a row's value, and details leave the data plane.
        String problem = metric.accepts(value) ? "" : "the " + metric.metric().yamlName() + " of column '"
                + metric.column() + "' is outside " + bounds(metric);
        return wholeDataSet(metric, policy, rows, problem, OptionalDouble.of(value));
    }

    private static String bounds(MetricCheck metric) {
        if (metric.min().isPresent() && metric.max().isPresent()) {
            return "[" + metric.min().get().toPlainString() + ", " + metric.max().get().toPlainString() + "]";
        }
        return metric.min().map(min -> "at least " + min.toPlainString())
                .orElseGet(() -> "at most " + metric.max().orElseThrow().toPlainString());
    }

    private static CheckOutcome freshnessOutcome(FreshnessCheck freshness, CheckPolicy policy, long rows,
            Double newestMillis, Instant scanTime) {
        if (newestMillis == null) {
            return wholeDataSet(freshness, policy, rows, "column '" + freshness.column() + "' has no timestamp",
                    OptionalDouble.empty());
        }
        Duration age = Duration.between(Instant.ofEpochMilli(newestMillis.longValue()), scanTime);
        String problem = age.compareTo(freshness.maxAge()) <= 0 ? "" : "the newest timestamp in column '"
                + freshness.column() + "' is older than " + freshness.maxAge().toSeconds() + " s";
        return wholeDataSet(freshness, policy, rows, problem, OptionalDouble.of(age.toMillis() / 1000.0));
    }

    /**
     * The outcome of a check that judges the data set as a whole: every row fails with it, or none.
     *
     * @param problem why it does not pass; empty when it passes
     */
    private static CheckOutcome wholeDataSet(Check check, CheckPolicy policy, long rowsScanned, String problem,
            OptionalDouble observed) {
        boolean passed = problem.isEmpty();
        return new CheckOutcome(check, rowsScanned, passed ? 0 : rowsScanned, passed, passed ? 1.0 : 0.0, 0,
                policy.severity(), !passed && policy.severity() == Severity.WARN, observed, problem);
    }

    private static void requireColumns(RuleSet ruleSet, List<String> columns) {
        List<RuleSetMismatchException.MissingColumn> missing = new ArrayList<>();
        for (Check check : ruleSet.checks()) {
            Stream.concat(check.columns().stream(), ruleSet.policyOf(check).policyColumns().stream())
                    .distinct()
                    .filter(column -> !columns.contains(column))
                    .forEach(column -> missing.add(new RuleSetMismatchException.MissingColumn(check.name(), column)));
        }
        if (!missing.isEmpty()) {
            throw new RuleSetMismatchException(missing, columns);
        }
    }

    private static void requireReferences(RuleSet ruleSet, Map<String, ScanTarget.Relation> references) {
        for (Check check : ruleSet.checks()) {
            if (check instanceof ReferenceCheck reference) {
                ScanTarget.Relation source = references.get(reference.source());
                if (source == null) {
                    throw RuleSetMismatchException.reference(check.name(), reference.source(), null,
                            references.keySet().stream().sorted().toList());
                }
                if (!source.columnNames().contains(reference.sourceColumn())) {
                    throw RuleSetMismatchException.reference(check.name(), reference.source(),
                            reference.sourceColumn(), source.columnNames());
                }
            }
        }
    }

    /**
     * Runs the one aggregate scan; with a positive {@code sampleLimit} it also gathers samples, and its result stays in
     * {@link #SCAN_RESULT} for {@link #samplesFromScan} to read them.
     */
    private static Scan scan(ScanTarget target, ScanPlan plan, RuleSet ruleSet, Instant scanTime, int sampleLimit) {
        String sql = plan.aggregateQuery(sampleLimit);
        LOG.debugf("Scanning %s with: %s", target.description(), sql);
        long started = System.nanoTime();
        Map<Long, List<Check>> checksBySet = new HashMap<>();
        Map<Check, GroupTally> groups = new LinkedHashMap<>();
        for (Check check : ruleSet.checks()) {
            CheckPolicy policy = ruleSet.policyOf(check);
            if (policy.grouped()) {
                checksBySet.computeIfAbsent(plan.groupingId(policy.groupBy()), id -> new ArrayList<>()).add(check);
                groups.put(check, new GroupTally(policy));
            }
        }
        try (Statement statement = target.connection().createStatement()) {
            statement.setFetchSize(FETCH_SIZE);
            if (sampleLimit > 0) {
                statement.execute("CREATE OR REPLACE TEMPORARY TABLE " + SCAN_RESULT + " AS " + sql);
                sql = "SELECT * FROM " + SCAN_RESULT;
            }
            try (ResultSet result = statement.executeQuery(sql)) {
                Aggregates total = null;
                while (result.next()) {
                    Aggregates aggregates = read(result, plan, plan.keyColumnCount());
                    long set = plan.keyColumnCount() == 0 ? plan.totalGroupingId() : result.getLong(1);
                    if (set == plan.totalGroupingId()) {
                        total = aggregates;
                        continue;
                    }
                    for (Check check : checksBySet.getOrDefault(set, List.of())) {
                        CheckPolicy policy = ruleSet.policyOf(check);
                        List<String> key = new ArrayList<>();
                        for (String column : policy.groupBy()) {
                            key.add(result.getString(2 + plan.groupColumns().indexOf(column)));
                        }
                        groups.get(check).add(key, outcome(check, policy, aggregates, List.of(), scanTime, 0));
                    }
                }
                LOG.debugf("Scanned %d rows in %d ms", total.rows(), (System.nanoTime() - started) / 1_000_000);
                return new Scan(total, groups);
            }
        } catch (SQLException e) {
            throw target.unreadable().apply(e);
        }
    }

    /** The aggregates of the current row, whose first {@code offset} columns are its grouping keys. */
    private static Aggregates read(ResultSet result, ScanPlan plan, int offset) throws SQLException {
        long rows = result.getLong(offset + 1);
        Map<Check, Long> failures = new HashMap<>();
        List<Check> rowLevel = plan.rowLevelChecks();
        for (int i = 0; i < rowLevel.size(); i++) {
            failures.put(rowLevel.get(i), result.getLong(offset + i + 2));
        }
        Map<Check, Double> measured = new HashMap<>();
        List<Check> measuredChecks = plan.measuredChecks();
        for (int j = 0; j < measuredChecks.size(); j++) {
            double value = result.getDouble(offset + rowLevel.size() + j + 2);
            measured.put(measuredChecks.get(j), result.wasNull() ? null : value);
        }
        Map<Check, Long> checked = new HashMap<>();
        List<Check> filtered = plan.filteredChecks();
        for (int k = 0; k < filtered.size(); k++) {
            checked.put(filtered.get(k), result.getLong(offset + rowLevel.size() + measuredChecks.size() + k + 2));
        }
        return new Aggregates(rows, failures, measured, checked);
    }

    /** Hands at most {@code limit} rows failing {@code check} to the sink; returns how many. */
    private static int sample(ScanTarget target, ScanPlan plan, Check check, int limit, List<String> columns,
            SampleSink samples) {
        String sql = plan.sampleQuery(check, limit).orElseThrow();
        List<List<String>> rows = new ArrayList<>();
        readRows(target, sql, 1, columns.size(), (result, row) -> rows.add(row));
        if (!rows.isEmpty()) {
            samples.accept(check, columns, Collections.unmodifiableList(rows));
        }
        return rows.size();
    }

    /**
     * Hands the samples the scan gathered to the sink, once per failing check in {@code failing}'s order; returns how
     * many each check got. Gathered by position, the rows are read back at those positions. Gathered as text, a
     * {@code unique} check whose rows fall short of the limit (or of its failures) gets its rows read again by the
     * keys the scan gathered.
     */
    private static Map<Check, Integer> samplesFromScan(ScanTarget target, ScanPlan plan, List<Check> failing,
            Map<Check, Long> failures, int limit, List<String> columns, SampleSink samples) {
        if (failing.isEmpty()) {
            return Map.of();
        }
        Map<Check, List<List<String>>> rowsByCheck = new LinkedHashMap<>();
        failing.forEach(check -> rowsByCheck.put(check, new ArrayList<>()));
        List<Check> rowLevel = plan.rowLevelChecks();
        if (plan.samplesByPosition()) {
            Map<Long, List<Check>> checksByPosition = new TreeMap<>();
            readRows(target, plan.samplePositionsQuery(failing, SCAN_RESULT), 2, 0, (result, row) -> checksByPosition
                    .computeIfAbsent(result.getLong(2), p -> new ArrayList<>()).add(rowLevel.get(result.getInt(1))));
            Map<Long, List<String>> rowsByPosition = new HashMap<>();
            readRows(target, plan.rowsAtQuery(checksByPosition.keySet()), 2, columns.size(),
                    (result, row) -> rowsByPosition.put(result.getLong(1), row));
            // In reading order: each check's first failing rows.
            checksByPosition.forEach((position, checks) -> Optional.ofNullable(rowsByPosition.get(position))
                    .ifPresent(row -> checks.forEach(check -> rowsByCheck.get(check).add(row))));
            return handOver(rowsByCheck, columns, samples);
        }
        readRows(target, plan.samplesQuery(failing, SCAN_RESULT), 2, columns.size(),
                (result, row) -> rowsByCheck.get(rowLevel.get(result.getInt(1))).add(row));
        for (Check check : failing) {
            List<List<String>> rows = rowsByCheck.get(check);
            if (check instanceof UniqueCheck unique && rows.size() < Math.min(limit, failures.get(check))) {
                rows.clear();
                readRows(target, plan.duplicatesQuery(unique, limit, SCAN_RESULT), 1, columns.size(),
                        (result, row) -> rows.add(row));
            }
        }
        return handOver(rowsByCheck, columns, samples);
    }

    /** Hands each check's rows to the sink; returns how many each check got. */
    private static Map<Check, Integer> handOver(Map<Check, List<List<String>>> rowsByCheck, List<String> columns,
            SampleSink samples) {
        Map<Check, Integer> stored = new HashMap<>();
        rowsByCheck.forEach((check, rows) -> {
            if (!rows.isEmpty()) {
                samples.accept(check, columns, Collections.unmodifiableList(rows));
            }
            stored.put(check, rows.size());
        });
        return stored;
    }

    /** Hears one row of a query's result: its {@link ResultSet} positioned on it, and its values as text. */
    @FunctionalInterface
    private interface RowReader {
        void read(ResultSet result, List<String> row) throws SQLException;
    }

    /** Runs {@code sql} and hands each result row's {@code count} text values from column {@code first} on. */
    private static void readRows(ScanTarget target, String sql, int first, int count, RowReader reader) {
        try (Statement statement = target.connection().createStatement();
                ResultSet result = statement.executeQuery(sql)) {
            while (result.next()) {
                reader.read(result, textRow(result, first, count));
            }
        } catch (SQLException e) {
            throw target.unreadable().apply(e);
        }
    }

    private static void dropScanResult(ScanTarget target) {
        try (Statement statement = target.connection().createStatement()) {
            statement.execute("DROP TABLE IF EXISTS " + SCAN_RESULT);
        } catch (SQLException e) {
            // The table is the workspace's own, holds counts and samples only, and goes with the workspace.
            LOG.warnf("Could not drop %s on %s (SQLSTATE %s)", SCAN_RESULT, target.description(), e.getSQLState());
        }
    }

    /** The {@code count} text values of the current row from column {@code first} on. */
    private static List<String> textRow(ResultSet result, int first, int count) throws SQLException {
        List<String> row = new ArrayList<>(count);
        for (int i = first; i < first + count; i++) {
            row.add(result.getString(i));
        }
        return Collections.unmodifiableList(row);
    }
}
