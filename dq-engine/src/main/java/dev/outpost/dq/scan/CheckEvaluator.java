package dev.outpost.dq.scan;

import dev.outpost.dq.rules.Check;
import dev.outpost.dq.rules.CheckPolicy;
import dev.outpost.dq.rules.FreshnessCheck;
import dev.outpost.dq.rules.MetricCheck;
import dev.outpost.dq.rules.RowCountCheck;
import dev.outpost.dq.rules.RuleSet;
import dev.outpost.dq.rules.SchemaCheck;
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
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.OptionalDouble;
import java.util.stream.Stream;
import org.jboss.logging.Logger;

/**
 * Evaluates a rule set against a data set in a {@link DuckDbWorkspace}: one aggregate scan for all checks, then one
 * capped query per failing row-level check for samples. Scoring is described in the
 * {@linkplain dev.outpost.dq.scan package documentation}.
 */
public final class CheckEvaluator {

    private static final Logger LOG = Logger.getLogger(CheckEvaluator.class);

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
        if (sampleLimit < 0) {
            throw new IllegalArgumentException("sampleLimit cannot be negative, was " + sampleLimit);
        }
        progress.onProgress(ScanPhase.READING_SCHEMA, 0.0);
        ResolvedDataSet data = workspace.resolve(dataSet);
        List<Column> schema = readSchema(workspace, data);
        List<String> columns = schema.stream().map(Column::name).toList();
        requireColumns(ruleSet, columns);
        ScanPlan plan = ScanPlan.compile(ruleSet, data.relation(), columns, workspace.dialect());
        progress.onProgress(ScanPhase.READING_SCHEMA, 1.0);

        progress.onProgress(ScanPhase.SCANNING, 0.0);
        Instant scanTime = clock.instant();
        Aggregates aggregates = aggregate(workspace, plan, data);
        progress.onProgress(ScanPhase.SCANNING, 1.0);

        progress.onProgress(ScanPhase.SAMPLING, 0.0);
        List<Check> failing = plan.rowLevelChecks().stream()
                .filter(check -> aggregates.failures().get(check) > 0)
                .toList();
        Map<Check, Integer> samplesStored = new HashMap<>();
        if (sampleLimit > 0) {
            for (int i = 0; i < failing.size(); i++) {
                if (i > 0) {
                    progress.onProgress(ScanPhase.SAMPLING, (double) i / failing.size());
                }
                Check check = failing.get(i);
                samplesStored.put(check, sample(workspace, plan, check, sampleLimit, columns, data, samples));
            }
        }
        progress.onProgress(ScanPhase.SAMPLING, 1.0);

        List<CheckOutcome> outcomes = ruleSet.checks().stream()
                .map(check -> outcome(check, ruleSet.policyOf(check), aggregates, schema, scanTime,
                        samplesStored.getOrDefault(check, 0)))
                .toList();
        return new ScanResult(aggregates.rows(), outcomes, Scores.byDimension(outcomes), Scores.overall(outcomes));
    }

    /**
     * What the one scan found.
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

    private static List<Column> readSchema(DuckDbWorkspace workspace, ResolvedDataSet data) {
        try {
            return workspace.columnsOf(data.relation());
        } catch (SQLException e) {
            throw UnreadableData.from(e, data);
        }
    }

    private static void requireColumns(RuleSet ruleSet, List<String> columns) {
        List<RuleSetMismatchException.MissingColumn> missing = new ArrayList<>();
        for (Check check : ruleSet.checks()) {
            Stream.concat(check.columns().stream(), ruleSet.policyOf(check).filterColumns().stream())
                    .distinct()
                    .filter(column -> !columns.contains(column))
                    .forEach(column -> missing.add(new RuleSetMismatchException.MissingColumn(check.name(), column)));
        }
        if (!missing.isEmpty()) {
            throw new RuleSetMismatchException(missing, columns);
        }
    }

    private static Aggregates aggregate(DuckDbWorkspace workspace, ScanPlan plan, ResolvedDataSet data) {
        String sql = plan.aggregateQuery();
        LOG.debugf("Scanning %s with: %s", data.files(), sql);
        long started = System.nanoTime();
        try (Statement statement = workspace.connection().createStatement();
                ResultSet result = statement.executeQuery(sql)) {
            result.next();
            long rows = result.getLong(1);
            Map<Check, Long> failures = new HashMap<>();
            List<Check> rowLevel = plan.rowLevelChecks();
            for (int i = 0; i < rowLevel.size(); i++) {
                failures.put(rowLevel.get(i), result.getLong(i + 2));
            }
            Map<Check, Double> measured = new HashMap<>();
            List<Check> measuredChecks = plan.measuredChecks();
            for (int j = 0; j < measuredChecks.size(); j++) {
                double value = result.getDouble(rowLevel.size() + j + 2);
                measured.put(measuredChecks.get(j), result.wasNull() ? null : value);
            }
            Map<Check, Long> checked = new HashMap<>();
            List<Check> filtered = plan.filteredChecks();
            for (int k = 0; k < filtered.size(); k++) {
                checked.put(filtered.get(k), result.getLong(rowLevel.size() + measuredChecks.size() + k + 2));
            }
            LOG.debugf("Scanned %d rows in %d ms", rows, (System.nanoTime() - started) / 1_000_000);
            return new Aggregates(rows, failures, measured, checked);
        } catch (SQLException e) {
            throw UnreadableData.from(e, data);
        }
    }

    /** Hands at most {@code limit} rows failing {@code check} to the sink; returns how many. */
    private static int sample(DuckDbWorkspace workspace, ScanPlan plan, Check check, int limit, List<String> columns,
            ResolvedDataSet data, SampleSink samples) {
        String sql = plan.sampleQuery(check, limit).orElseThrow();
        List<List<String>> rows = new ArrayList<>();
        try (Statement statement = workspace.connection().createStatement();
                ResultSet result = statement.executeQuery(sql)) {
            while (result.next()) {
                List<String> row = new ArrayList<>(columns.size());
                for (int i = 1; i <= columns.size(); i++) {
                    row.add(result.getString(i));
                }
                rows.add(Collections.unmodifiableList(row));
            }
        } catch (SQLException e) {
            throw UnreadableData.from(e, data);
        }
        if (!rows.isEmpty()) {
            samples.accept(check, columns, Collections.unmodifiableList(rows));
        }
        return rows.size();
    }
}
