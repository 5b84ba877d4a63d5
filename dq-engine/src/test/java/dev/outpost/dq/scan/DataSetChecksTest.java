package dev.outpost.dq.scan;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.offset;
import static org.assertj.core.api.Assertions.tuple;

import dev.outpost.dq.rules.RuleSet;
import dev.outpost.dq.rules.RuleSetParser;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.OptionalDouble;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The checks on the data set as a whole: {@code metric}, {@code freshness} and {@code schema}. */
class DataSetChecksTest {

    /**
     * Amounts 10, 20, 30, a null and a word (both left out of metrics); notes are words or null, so no number and no
     * timestamp; newest timestamp 2026-11-21 10:00.
     */
    private static final String PAYMENTS_CSV = """
            id,amount,paid_at,note
            1,10,2026-11-21 10:00:00,late
            2,abc,,
            3,20,2026-11-20 10:00:00,ok
            4,,2026-11-01 00:00:00,
            5,30,,twice
            """;

    private static final Clock NOON = Clock.fixed(Instant.parse("2026-11-21T12:00:00Z"), ZoneOffset.UTC);

    @TempDir
    Path workspaceDirectory;

    private DuckDbWorkspace workspace;

    @BeforeEach
    void openWorkspace() {
        workspace = DuckDbWorkspace.open(workspaceDirectory);
    }

    @AfterEach
    void closeWorkspace() {
        workspace.close();
    }

    @Test
    void comparesMetricsOfTheNumericValuesWithTheirBounds() throws Exception {
        RuleSet rules = RuleSetParser.parse("""
                checks:
                  - {name: avg-ok, type: metric, column: amount, metric: avg, must_be_between: [15, 25]}
                  - {name: sum-too-big, type: metric, column: amount, metric: sum, must_be_at_most: 50}
                  - {name: min-ok, type: metric, column: amount, metric: min, must_be_at_least: 10}
                  - {name: max-too-small, type: metric, column: amount, metric: max, must_be_at_least: 31}
                  - {name: spread, type: metric, column: amount, metric: stddev, must_be_between: [9.99, 10.01]}
                  - {name: p90, type: metric, column: amount, metric: percentile, percentile: 0.9,
                     must_be_at_most: 28.01}
                  - {name: no-values, type: metric, column: note, metric: avg, must_be_at_least: 0, severity: warn}
                """);

        ScanResult result = evaluate(csv(), rules);

        assertThat(result.checks())
                .extracting(o -> o.check().name(), CheckOutcome::rowsFailed, CheckOutcome::passed,
                        CheckOutcome::warned, CheckOutcome::detail)
                .containsExactly(
                        tuple("avg-ok", 0L, true, false, ""),
                        tuple("sum-too-big", 5L, false, false, "the sum of column 'amount' is outside at most 50"),
                        tuple("min-ok", 0L, true, false, ""),
                        tuple("max-too-small", 5L, false, false,
                                "the max of column 'amount' is outside at least 31"),
                        tuple("spread", 0L, true, false, ""),
                        tuple("p90", 0L, true, false, ""),
                        tuple("no-values", 5L, false, true, "column 'note' has no numeric value to compute avg over"));
        assertThat(result.checks()).extracting(CheckOutcome::observed).satisfiesExactly(
                avg -> assertThat(avg.getAsDouble()).isCloseTo(20.0, offset(1e-9)),
                sum -> assertThat(sum.getAsDouble()).isCloseTo(60.0, offset(1e-9)),
                min -> assertThat(min.getAsDouble()).isEqualTo(10.0),
                max -> assertThat(max.getAsDouble()).isEqualTo(30.0),
                stddev -> assertThat(stddev.getAsDouble()).isCloseTo(10.0, offset(1e-9)),
                p90 -> assertThat(p90.getAsDouble()).isCloseTo(28.0, offset(1e-9)),
                none -> assertThat(none).isEmpty());
        assertThat(result.checks()).extracting(CheckOutcome::score).containsExactly(1.0, 0.0, 1.0, 0.0, 1.0, 1.0, 0.0);
    }

    @Test
    void measuresTheAgeOfTheNewestTimestampAgainstTheScanTime() throws Exception {
        RuleSet rules = RuleSetParser.parse("""
                checks:
                  - {name: fresh, type: freshness, column: paid_at, max_age: 3h}
                  - {name: stale, type: freshness, column: paid_at, max_age: 90m}
                  - {name: exactly-two-hours, type: freshness, column: paid_at, max_age: 2h}
                  - {name: never, type: freshness, column: note, max_age: 7d}
                """);

        for (DataSet data : List.of(csv(), parquet())) {
            ScanResult result = evaluate(data, rules);

            assertThat(result.checks())
                    .extracting(o -> o.check().name(), CheckOutcome::rowsFailed, CheckOutcome::passed,
                            CheckOutcome::observed, CheckOutcome::detail)
                    .containsExactly(
                            tuple("fresh", 0L, true, OptionalDouble.of(7200.0), ""),
                            tuple("stale", 5L, false, OptionalDouble.of(7200.0),
                                    "the newest timestamp in column 'paid_at' is older than 5400 s"),
                            tuple("exactly-two-hours", 0L, true, OptionalDouble.of(7200.0), ""),
                            tuple("never", 5L, false, OptionalDouble.empty(), "column 'note' has no timestamp"));
            assertThat(result.dimensionScores()).containsOnlyKeys(dev.outpost.dq.rules.Dimension.TIMELINESS);
        }
    }

    @Test
    void honoursOffsetsAndReadsTimestampsWithoutOneAsUtc() throws Exception {
        Path events = TestData.write(workspaceDirectory.resolve("events.csv"), """
                id,seen_text,seen_local
                1,2026-11-21 13:30:00+02,2026-11-21 11:00:00
                2,not a time,2026-11-20 11:00:00
                """);
        RuleSet rules = RuleSetParser.parse("""
                checks:
                  - {name: with-offset, type: freshness, column: seen_text, max_age: 1h}
                  - {name: without-offset, type: freshness, column: seen_local, max_age: 1h}
                """);

        ScanResult result = evaluate(DataSet.csv(List.of(events)), rules);

        // 13:30 at +02 is 11:30 UTC, 30 minutes before noon UTC; 11:00 without an offset is UTC, an hour before.
        assertThat(result.checks()).extracting(CheckOutcome::observed, CheckOutcome::passed).containsExactly(
                tuple(OptionalDouble.of(1800.0), true), tuple(OptionalDouble.of(3600.0), true));
    }

    @Test
    void comparesTheSchemaBeforeTheScanAndReportsMissingColumnsAsAFailureNotAnError() throws Exception {
        RuleSet rules = RuleSetParser.parse("""
                checks:
                  - name: fits
                    type: schema
                    required_columns: [id, paid_at]
                    column_types: {id: bigint, paid_at: TIMESTAMP}
                  - name: does-not-fit
                    type: schema
                    required_columns: [id, customer]
                    column_types: {amount: DOUBLE, currency: VARCHAR}
                  - {name: id-present, type: not_null, column: id}
                """);

        ScanResult result = evaluate(csv(), rules);

        assertThat(result.checks())
                .extracting(o -> o.check().name(), CheckOutcome::rowsFailed, CheckOutcome::passed,
                        CheckOutcome::detail)
                .containsExactly(
                        tuple("fits", 0L, true, ""),
                        tuple("does-not-fit", 5L, false, "column 'customer' is missing; column 'amount' is VARCHAR,"
                                + " not DOUBLE; column 'currency' is missing"),
                        tuple("id-present", 0L, true, ""));
    }

    private DataSet csv() throws Exception {
        return DataSet.csv(List.of(TestData.write(workspaceDirectory.resolve("payments.csv"), PAYMENTS_CSV)));
    }

    private DataSet parquet() throws Exception {
        Path csv = TestData.write(workspaceDirectory.resolve("payments.csv"), PAYMENTS_CSV);
        return DataSet.parquet(List.of(TestData.parquetOf(csv, workspaceDirectory.resolve("payments.parquet"))));
    }

    private ScanResult evaluate(DataSet data, RuleSet rules) {
        return new CheckEvaluator(ProgressListener.NONE, NOON).evaluate(workspace, data, rules, 0,
                SampleSink.DISCARD);
    }
}
