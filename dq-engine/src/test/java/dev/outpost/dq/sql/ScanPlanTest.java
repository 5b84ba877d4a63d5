package dev.outpost.dq.sql;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.outpost.dq.rules.AllowedValuesCheck;
import dev.outpost.dq.rules.BetweenCheck;
import dev.outpost.dq.rules.Check;
import dev.outpost.dq.rules.CheckPolicy;
import dev.outpost.dq.rules.Dimension;
import dev.outpost.dq.rules.ExpressionCheck;
import dev.outpost.dq.rules.FormatCheck;
import dev.outpost.dq.rules.FreshnessCheck;
import dev.outpost.dq.rules.LengthCheck;
import dev.outpost.dq.rules.Metric;
import dev.outpost.dq.rules.MetricCheck;
import dev.outpost.dq.rules.NamedFormat;
import dev.outpost.dq.rules.NotNullCheck;
import dev.outpost.dq.rules.RegexCheck;
import dev.outpost.dq.rules.RowCountCheck;
import dev.outpost.dq.rules.RowExpressionParser;
import dev.outpost.dq.rules.RuleSet;
import dev.outpost.dq.rules.SchemaCheck;
import dev.outpost.dq.rules.Severity;
import dev.outpost.dq.rules.Threshold;
import dev.outpost.dq.rules.UniqueCheck;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;

class ScanPlanTest {

    private static final String RELATION = "people";
    private static final List<String> COLUMNS = List.of("id", "a\"b", "failed");

    private final NotNullCheck notNull = new NotNullCheck("id-present", Dimension.COMPLETENESS, "id");
    private final UniqueCheck unique = new UniqueCheck("pair-unique", Dimension.UNIQUENESS, List.of("id", "a\"b"));
    private final RegexCheck regex = new RegexCheck("code", Dimension.VALIDITY, "a\"b", "[A-Z]'\\d");
    private final BetweenCheck between = new BetweenCheck("positive", Dimension.VALIDITY, "id",
            Optional.of(BigDecimal.ONE), Optional.empty());
    private final AllowedValuesCheck allowed = new AllowedValuesCheck("known", Dimension.VALIDITY, "a\"b",
            List.of("O'Brien", "Smith"));
    private final RowCountCheck rowCount = new RowCountCheck("rows", Dimension.COMPLETENESS, OptionalLong.of(1),
            OptionalLong.empty());

    @Test
    void countsEveryRowLevelCheckInOneScanOfTheRelation() {
        ScanPlan plan = compile(notNull, unique, rowCount, between);

        assertThat(plan.rowLevelChecks()).containsExactly(notNull, unique, between);
        assertThat(plan.aggregateQuery()).isEqualTo("SELECT count(*) AS rows_scanned,"
                + " count(*) FILTER (WHERE failed_0) AS failed_0,"
                + " count(*) FILTER (WHERE failed_1) AS failed_1,"
                + " count(*) FILTER (WHERE failed_2) AS failed_2"
                // The window reads only the keys and the flags computed below it, not every column.
                + " FROM (SELECT failed_0, failed_2,"
                + " (count(*) OVER (PARTITION BY failed_1_key_0, failed_1_key_1) > 1 AND failed_1_key_0 IS NOT NULL"
                + " AND failed_1_key_1 IS NOT NULL) AS failed_1"
                + " FROM (SELECT (\"id\" IS NULL) AS failed_0, \"id\" AS failed_1_key_0, \"a\"\"b\" AS failed_1_key_1,"
                + " (\"id\" IS NOT NULL AND (TRY_CAST(\"id\" AS DOUBLE) IS NULL OR TRY_CAST(\"id\" AS DOUBLE) < 1))"
                + " AS failed_2"
                + " FROM people) AS row_values) AS row_failures");
    }

    @Test
    void onlyCountsRowsWhenNoCheckJudgesRows() {
        ScanPlan plan = compile(rowCount);

        assertThat(plan.rowLevelChecks()).isEmpty();
        assertThat(plan.aggregateQuery()).isEqualTo("SELECT count(*) AS rows_scanned FROM people");
        assertThat(plan.sampleQuery(rowCount, 5)).isEmpty();
    }

    @Test
    void escapesColumnNamesPatternsAndValues() {
        String query = compile(regex, allowed).aggregateQuery();

        assertThat(query).contains("\"a\"\"b\" IS NOT NULL AND NOT regexp_full_match(CAST(\"a\"\"b\" AS VARCHAR),"
                + " '[A-Z]''\\d')");
        assertThat(query).contains("CAST(\"a\"\"b\" AS VARCHAR) NOT IN ('O''Brien', 'Smith')");
    }

    @Test
    void samplesFailingRowsAsTextUnderAFlagNameNoColumnUses() {
        assertThat(compile(notNull).sampleQuery(notNull, 10)).contains("SELECT CAST(\"id\" AS VARCHAR) AS \"id\","
                + " CAST(\"a\"\"b\" AS VARCHAR) AS \"a\"\"b\", CAST(\"failed\" AS VARCHAR) AS \"failed\""
                + " FROM (SELECT \"id\", \"a\"\"b\", \"failed\", (\"id\" IS NULL) AS \"failed_1\" FROM people)"
                + " AS row_failures WHERE \"failed_1\" LIMIT 10");
    }

    @Test
    void measuresDataSetChecksInTheSameScanAsTheRowLevelChecks() {
        LengthCheck length = new LengthCheck("short", Dimension.VALIDITY, "a\"b", OptionalLong.of(1),
                OptionalLong.of(3));
        FormatCheck date = new FormatCheck("day", Dimension.VALIDITY, "id", NamedFormat.ISO_DATE);
        FreshnessCheck fresh = new FreshnessCheck("fresh", Dimension.TIMELINESS, "a\"b", Duration.ofHours(1));
        MetricCheck p95 = new MetricCheck("p95", Dimension.ACCURACY, "id", Metric.PERCENTILE,
                Optional.of(new BigDecimal("0.95")), Optional.empty(), Optional.of(BigDecimal.TEN));
        SchemaCheck schema = new SchemaCheck("shape", Dimension.CONSISTENCY, List.of("id"), Map.of());

        ScanPlan plan = compile(length, fresh, schema, date, p95);

        assertThat(plan.rowLevelChecks()).containsExactly(length, date);
        assertThat(plan.measuredChecks()).containsExactly(fresh, p95);
        assertThat(plan.aggregateQuery()).isEqualTo("SELECT count(*) AS rows_scanned,"
                + " count(*) FILTER (WHERE failed_0) AS failed_0,"
                + " count(*) FILTER (WHERE failed_1) AS failed_1,"
                + " epoch_ms(max(value_0)) AS measured_0,"
                + " quantile_cont(value_1, 0.95) AS measured_1"
                + " FROM (SELECT (\"a\"\"b\" IS NOT NULL AND (length(CAST(\"a\"\"b\" AS VARCHAR)) < 1"
                + " OR length(CAST(\"a\"\"b\" AS VARCHAR)) > 3)) AS failed_0,"
                + " (\"id\" IS NOT NULL AND (NOT regexp_full_match(CAST(\"id\" AS VARCHAR), '"
                + NamedFormat.ISO_DATE.pattern() + "') OR TRY_CAST(CAST(\"id\" AS VARCHAR) AS DATE) IS NULL))"
                + " AS failed_1,"
                + " CASE WHEN \"a\"\"b\" IS NOT NULL THEN TRY_CAST(\"a\"\"b\" AS TIMESTAMPTZ) END AS value_0,"
                + " CASE WHEN \"id\" IS NOT NULL THEN TRY_CAST(\"id\" AS DOUBLE) END AS value_1"
                + " FROM people) AS row_failures");
        assertThat(plan.sampleQuery(fresh, 5)).isEmpty();
    }

    @Test
    void escapesTheQuoteInTheEmailPattern() {
        FormatCheck email = new FormatCheck("email", Dimension.VALIDITY, "id", NamedFormat.EMAIL);

        assertThat(NamedFormat.EMAIL.pattern()).contains("'");
        assertThat(compile(email).aggregateQuery())
                .contains("'" + NamedFormat.EMAIL.pattern().replace("'", "''") + "'");
    }

    @Test
    void compilesExpressionsAndFiltersWithQuotedColumnsAndEscapedTexts() {
        ExpressionCheck quoted = ExpressionCheck.of("quoted", Dimension.VALIDITY,
                "\"a\"\"b\" = 'x'' OR 1=1 --' AND id * 2 > 3");
        RuleSet rules = new RuleSet(List.of(quoted, notNull), Map.of("id-present", new CheckPolicy(Severity.FAIL,
                Threshold.NONE, Optional.of(RowExpressionParser.parseCondition("lower(\"a\"\"b\") <> 'o''neil'")))));

        ScanPlan plan = ScanPlan.compile(rules, RELATION, COLUMNS, new DuckDbDialect());

        assertThat(plan.filteredChecks()).containsExactly(notNull);
        assertThat(plan.aggregateQuery()).isEqualTo("SELECT count(*) AS rows_scanned,"
                + " count(*) FILTER (WHERE failed_0) AS failed_0,"
                + " count(*) FILTER (WHERE failed_1) AS failed_1,"
                + " count(*) FILTER (WHERE admitted_0) AS checked_0"
                + " FROM (SELECT (NOT coalesce(((CAST(\"a\"\"b\" AS VARCHAR) = 'x'' OR 1=1 --')"
                + " AND ((CASE WHEN \"id\" IS NOT NULL THEN TRY_CAST(\"id\" AS DOUBLE) END * 2) > 3)), TRUE))"
                + " AS failed_0,"
                + " (coalesce((lower(CAST(\"a\"\"b\" AS VARCHAR)) <> 'o''neil'), FALSE) AND (\"id\" IS NULL))"
                + " AS failed_1,"
                + " (coalesce((lower(CAST(\"a\"\"b\" AS VARCHAR)) <> 'o''neil'), FALSE)) AS admitted_0"
                + " FROM people) AS row_failures");
    }

    @Test
    void gathersSamplesInTheScanOnDuckDb() {
        ScanPlan plan = compile(notNull, unique);

        assertThat(plan.samplesInScan()).isTrue();
        assertThat(plan.aggregateQuery(0)).isEqualTo(plan.aggregateQuery());
        assertThat(plan.aggregateQuery(3)).isEqualTo("SELECT count(*) AS rows_scanned,"
                + " count(*) FILTER (WHERE failed_0) AS failed_0,"
                + " count(*) FILTER (WHERE failed_1) AS failed_1,"
                + " min(sample_row, 3) FILTER (WHERE failed_0) AS sample_0,"
                + " min(row(failed_1_key_0, failed_1_key_1), 3) FILTER (WHERE failed_1) AS sample_keys_1,"
                + " min(sample_row, 3) FILTER (WHERE failed_1) AS sample_1"
                // The window carries the keys and one mostly-null list, not the relation's columns.
                + " FROM (SELECT failed_0, failed_1_key_0, failed_1_key_1, sample_row,"
                + " (count(*) OVER (PARTITION BY failed_1_key_0, failed_1_key_1) > 1 AND failed_1_key_0 IS NOT NULL"
                + " AND failed_1_key_1 IS NOT NULL) AS failed_1"
                + " FROM (SELECT failed_0, failed_1_key_0, failed_1_key_1,"
                + " CASE WHEN failed_0 OR (hash(failed_1_key_0, failed_1_key_1) % 32 = 0) THEN"
                + " [CAST(row_column_0 AS VARCHAR), CAST(row_column_1 AS VARCHAR), CAST(row_column_2 AS VARCHAR)]"
                + " END AS sample_row"
                + " FROM (SELECT (\"id\" IS NULL) AS failed_0, \"id\" AS failed_1_key_0, \"a\"\"b\" AS failed_1_key_1,"
                + " \"id\" AS row_column_0, \"a\"\"b\" AS row_column_1, \"failed\" AS row_column_2"
                + " FROM people) AS row_columns) AS row_values) AS row_failures");
        assertThat(plan.samplesQuery(List.of(notNull, unique), "scan_result")).isEqualTo(
                "SELECT 0 AS sample_of, sampled[1], sampled[2], sampled[3]"
                        + " FROM (SELECT unnest(sample_0) AS sampled FROM scan_result) AS sampled_0"
                        + " UNION ALL SELECT 1 AS sample_of, sampled[1], sampled[2], sampled[3]"
                        + " FROM (SELECT unnest(sample_1) AS sampled FROM scan_result) AS sampled_1");
        assertThat(plan.duplicatesQuery(unique, 3, "scan_result")).isEqualTo("SELECT CAST(\"id\" AS VARCHAR),"
                + " CAST(\"a\"\"b\" AS VARCHAR), CAST(\"failed\" AS VARCHAR) FROM (SELECT * FROM people"
                + " WHERE row(\"id\", \"a\"\"b\") IN (SELECT unnest(sample_keys_1) FROM scan_result) LIMIT 3)"
                + " AS duplicated");
    }

    @Test
    void gathersRowPositionsWhereTheRelationNumbersItsRows() {
        RowPositions positions = new RowPositions() {
            @Override
            public String expression() {
                return "row_number_of_people";
            }

            @Override
            public String at(Collection<Long> wanted) {
                return "row_number_of_people IN " + wanted;
            }
        };
        ScanPlan plan = compile(notNull, unique).withRowPositions(positions);

        assertThat(plan.samplesByPosition()).isTrue();
        assertThat(plan.aggregateQuery(0)).isEqualTo(compile(notNull, unique).aggregateQuery());
        assertThat(plan.aggregateQuery(3)).isEqualTo("SELECT count(*) AS rows_scanned,"
                + " count(*) FILTER (WHERE failed_0) AS failed_0,"
                + " count(*) FILTER (WHERE failed_1) AS failed_1,"
                + " min(row_position, 3) FILTER (WHERE failed_0) AS sample_0,"
                + " min(row_position, 3) FILTER (WHERE failed_1) AS sample_1"
                // One integer per row through the window: no text, no keys kept for reading rows again.
                + " FROM (SELECT failed_0, row_position,"
                + " (count(*) OVER (PARTITION BY failed_1_key_0, failed_1_key_1) > 1 AND failed_1_key_0 IS NOT NULL"
                + " AND failed_1_key_1 IS NOT NULL) AS failed_1"
                + " FROM (SELECT (\"id\" IS NULL) AS failed_0, \"id\" AS failed_1_key_0, \"a\"\"b\" AS failed_1_key_1,"
                + " row_number_of_people AS row_position FROM people) AS row_values) AS row_failures");
        assertThat(plan.samplePositionsQuery(List.of(notNull, unique), "scan_result")).isEqualTo(
                "SELECT 0 AS sample_of, unnest(sample_0) AS row_position FROM scan_result"
                        + " UNION ALL SELECT 1 AS sample_of, unnest(sample_1) AS row_position FROM scan_result");
        assertThat(plan.rowsAtQuery(List.of(4L, 9L))).isEqualTo("SELECT row_number_of_people AS row_position,"
                + " CAST(\"id\" AS VARCHAR), CAST(\"a\"\"b\" AS VARCHAR), CAST(\"failed\" AS VARCHAR) FROM people"
                + " WHERE row_number_of_people IN [4, 9]");
        assertThatThrownBy(() -> plan.samplesQuery(List.of(notNull), "scan_result"))
                .isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> compile(notNull).rowsAtQuery(List.of(4L)))
                .isInstanceOf(IllegalStateException.class);
    }

    @Test
    void leavesSamplesToOneQueryPerCheckOnPostgresAndWhenChecksGroup() {
        ScanPlan postgres = ScanPlan.compile(new RuleSet(List.of(notNull)), RELATION, COLUMNS,
                new PostgresDialect());
        ScanPlan grouped = ScanPlan.compile(new RuleSet(List.of(notNull), Map.of("id-present", new CheckPolicy(
                Severity.FAIL, Threshold.NONE, Optional.empty(), List.of("a\"b"), 10))), RELATION, COLUMNS,
                new DuckDbDialect());

        assertThat(postgres.samplesInScan()).isFalse();
        assertThat(postgres.aggregateQuery(5)).isEqualTo(postgres.aggregateQuery());
        assertThat(grouped.samplesInScan()).isFalse();
        assertThat(grouped.aggregateQuery(5)).isEqualTo(grouped.aggregateQuery());
        assertThatThrownBy(() -> postgres.samplesQuery(List.of(notNull), "scan_result"))
                .isInstanceOf(IllegalStateException.class);
    }

    @Test
    void refusesASampleLimitBelowOne() {
        assertThatThrownBy(() -> compile(notNull).sampleQuery(notNull, 0))
                .isInstanceOf(IllegalArgumentException.class);
    }

    private static ScanPlan compile(Check... checks) {
        return ScanPlan.compile(new RuleSet(List.of(checks)), RELATION, COLUMNS, new DuckDbDialect());
    }
}
