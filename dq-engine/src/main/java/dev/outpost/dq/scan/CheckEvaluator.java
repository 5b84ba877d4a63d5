package dev.outpost.dq.scan;

import dev.outpost.dq.rules.Check;
import dev.outpost.dq.rules.RowCountCheck;
import dev.outpost.dq.rules.RuleSet;
import dev.outpost.dq.sql.ScanPlan;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.jboss.logging.Logger;

/**
 * Evaluates a rule set against a data set in a {@link DuckDbWorkspace}: one aggregate scan for all checks, then one
 * capped query per failing row-level check for samples. Scoring is described in the
 * {@linkplain dev.outpost.dq.scan package documentation}.
 */
public final class CheckEvaluator {

    private static final Logger LOG = Logger.getLogger(CheckEvaluator.class);

    private final ProgressListener progress;

    /** An evaluator that reports no progress. */
    public CheckEvaluator() {
        this(ProgressListener.NONE);
    }

    public CheckEvaluator(ProgressListener progress) {
        this.progress = Objects.requireNonNull(progress, "progress");
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
        List<String> columns = readColumns(workspace, data);
        requireColumns(ruleSet, columns);
        ScanPlan plan = ScanPlan.compile(ruleSet, data.relation(), columns, workspace.dialect());
        progress.onProgress(ScanPhase.READING_SCHEMA, 1.0);

        progress.onProgress(ScanPhase.SCANNING, 0.0);
        long[] counts = aggregate(workspace, plan, data);
        long rowsScanned = counts[0];
        Map<Check, Long> failures = new HashMap<>();
        for (int i = 0; i < plan.rowLevelChecks().size(); i++) {
            failures.put(plan.rowLevelChecks().get(i), counts[i + 1]);
        }
        progress.onProgress(ScanPhase.SCANNING, 1.0);

        progress.onProgress(ScanPhase.SAMPLING, 0.0);
        List<Check> failing = plan.rowLevelChecks().stream().filter(check -> failures.get(check) > 0).toList();
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
                .map(check -> outcome(check, rowsScanned, failures, samplesStored.getOrDefault(check, 0)))
                .toList();
        return new ScanResult(rowsScanned, outcomes, Scores.byDimension(outcomes), Scores.overall(outcomes));
    }

    private static CheckOutcome outcome(Check check, long rowsScanned, Map<Check, Long> failures, int samples) {
        if (check instanceof RowCountCheck rowCount) {
            boolean passed = rowCount.accepts(rowsScanned);
            return new CheckOutcome(check, rowsScanned, passed ? 0 : rowsScanned, passed, passed ? 1.0 : 0.0, 0);
        }
        long failed = failures.get(check);
        return new CheckOutcome(check, rowsScanned, failed, failed == 0, Scores.ofRows(rowsScanned, failed), samples);
    }

    private static List<String> readColumns(DuckDbWorkspace workspace, ResolvedDataSet data) {
        try {
            return workspace.columnsOf(data.relation()).stream().map(Column::name).toList();
        } catch (SQLException e) {
            throw UnreadableData.from(e, data);
        }
    }

    private static void requireColumns(RuleSet ruleSet, List<String> columns) {
        List<RuleSetMismatchException.MissingColumn> missing = new ArrayList<>();
        for (Check check : ruleSet.checks()) {
            check.columns().stream()
                    .filter(column -> !columns.contains(column))
                    .forEach(column -> missing.add(new RuleSetMismatchException.MissingColumn(check.name(), column)));
        }
        if (!missing.isEmpty()) {
            throw new RuleSetMismatchException(missing, columns);
        }
    }

    /** The row count followed by the failure count of each row-level check, in plan order. */
    private static long[] aggregate(DuckDbWorkspace workspace, ScanPlan plan, ResolvedDataSet data) {
        String sql = plan.aggregateQuery();
        LOG.debugf("Scanning %s with: %s", data.files(), sql);
        long started = System.nanoTime();
        try (Statement statement = workspace.connection().createStatement();
                ResultSet result = statement.executeQuery(sql)) {
            result.next();
            long[] counts = new long[plan.rowLevelChecks().size() + 1];
            for (int i = 0; i < counts.length; i++) {
                counts[i] = result.getLong(i + 1);
            }
            LOG.debugf("Scanned %d rows in %d ms", counts[0], (System.nanoTime() - started) / 1_000_000);
            return counts;
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
