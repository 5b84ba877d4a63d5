package dev.outpost.dq.scan;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.offset;
import static org.assertj.core.api.Assertions.within;

import dev.outpost.dq.rules.NamedFormat;
import dev.outpost.dq.rules.RuleSet;
import dev.outpost.dq.rules.RuleSetParser;
import dev.outpost.dq.secrets.SecretReference;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.time.Clock;
import java.time.Duration;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The conformance suite: one generated data set with defects planted at known rows, every check type, run on DuckDB
 * over CSV and Parquet and pushed down to PostgreSQL. Each engine must find exactly the counts computed in Java from
 * the same rows, and the engines must agree on every aggregate.
 */
class ConformanceTest {

    private static final RuleSet RULES = RuleSetParser.parse("""
            checks:
              - {name: email-present, type: not_null, column: email}
              - {name: id-unique, type: unique, columns: [id]}
              - {name: pair-unique, type: unique, columns: [country, code]}
              - {name: email-regex, type: regex, column: email, pattern: '%s'}
              - {name: email-format, type: format, column: email, format: email}
              - {name: created-date, type: format, column: created, format: iso_date}
              - {name: age-range, type: between, column: age, min: 0, max: 120}
              - {name: country-set, type: allowed_values, column: country, values: [DE, FR, US]}
              - {name: code-length, type: length, column: code, min: 3, max: 3}
              - {name: amount-rule, type: expression, condition: 'amount >= 0 AND round(amount / 4, 0) <> 5'}
              - {name: customer-known, type: reference, column: customer_id,
                 reference: {source: customers, column: id}}
              - {name: de-age, type: between, column: age, max: 50, filter: "country = 'DE'"}
              - {name: email-per-country, type: not_null, column: email, group_by: [country], max_failed: 3}
              - {name: rows, type: row_count, min: 1000, max: 1000}
              - {name: fresh, type: freshness, column: ts, max_age: 1d}
              - {name: age-min, type: metric, column: age, metric: min, must_be_at_least: 0}
              - {name: age-max, type: metric, column: age, metric: max, must_be_at_most: 120}
              - {name: age-avg, type: metric, column: age, metric: avg, must_be_between: [0, 100]}
              - {name: age-sum, type: metric, column: age, metric: sum, must_be_at_least: 1}
              - {name: age-stddev, type: metric, column: age, metric: stddev, must_be_at_most: 10}
              - {name: age-p90, type: metric, column: age, metric: percentile, percentile: 0.9,
                 must_be_at_most: 95}
              - {name: age-avg-per-country, type: metric, column: age, metric: avg, must_be_at_most: 49.5,
                 group_by: [country]}
              - {name: shape, type: schema, required_columns: [id, email]}
            """.formatted(ConformanceData.EMAIL_PATTERN));

    private static final ConformanceData DATA = new ConformanceData();
    private static final Clock TWO_HOURS_LATER = Clock.fixed(
            ConformanceData.NEWEST.plusHours(2).toInstant(ZoneOffset.UTC), ZoneOffset.UTC);

    private static final Map<String, ScanResult> RESULTS = new LinkedHashMap<>();

    @TempDir
    static Path directory;

    @BeforeAll
    static void runEveryEngine() throws Exception {
        Path csv = DATA.writeCsv(directory.resolve("data/rows.csv"));
        Path customersCsv = ConformanceData.writeCustomersCsv(directory.resolve("data/customers.csv"));
        Path parquet = TestData.parquetOf(csv, directory.resolve("data/rows.parquet"));
        Path customersParquet = TestData.parquetOf(customersCsv, directory.resolve("data/customers.parquet"));
        CheckEvaluator evaluator = new CheckEvaluator(ProgressListener.NONE, TWO_HOURS_LATER);
        try (DuckDbWorkspace workspace = DuckDbWorkspace.open(directory)) {
            RESULTS.put("duckdb-csv", evaluator.evaluate(workspace, DataSet.csv(List.of(csv)),
                    Map.of("customers", DataSet.csv(List.of(customersCsv))), RULES, 5, SampleSink.DISCARD));
            RESULTS.put("duckdb-parquet", evaluator.evaluate(workspace, DataSet.parquet(List.of(parquet)),
                    Map.of("customers", DataSet.parquet(List.of(customersParquet))), RULES, 5, SampleSink.DISCARD));
        }
        String database = TestPostgres.newDatabase();
        try (Connection admin = TestPostgres.admin(database)) {
            DATA.createTables(admin, "public.rows", "public.customers");
        }
        Path passwordFile = Files.writeString(directory.resolve("pg-password"), TestPostgres.server().password()
                + "\n");
        try (PostgresPushdown postgres = PostgresPushdown.connect(TestPostgres.server().jdbcUrl(database),
                TestPostgres.server().user(), SecretReference.parse("file:" + passwordFile))) {
            RESULTS.put("postgresql", evaluator.evaluate(postgres, new PostgresPushdown.Table("public", "rows"),
                    Map.of("customers", new PostgresPushdown.Table("public", "customers")), RULES, 5,
                    SampleSink.DISCARD));
        }
    }

    @Test
    void everyEngineFindsExactlyThePlantedDefects() {
        Map<String, Long> expected = new LinkedHashMap<>();
        expected.put("email-present", DATA.count(r -> r.email() == null));
        expected.put("id-unique", DATA.duplicateIds());
        expected.put("pair-unique", DATA.rows.stream()
                .filter(r -> DATA.count(o -> o.country().equals(r.country()) && o.code().equals(r.code())) > 1)
                .count());
        expected.put("email-regex", DATA.count(r -> r.email() != null
                && !ConformanceData.matches(ConformanceData.EMAIL_PATTERN, r.email())));
        expected.put("email-format", DATA.count(r -> r.email() != null
                && !ConformanceData.matches(NamedFormat.EMAIL.pattern(), r.email())));
        expected.put("created-date", DATA.count(r -> !ConformanceData.isIsoDate(r.created())));
        expected.put("age-range", DATA.count(r -> r.age() != null && (r.age() < 0 || r.age() > 120)));
        expected.put("country-set", DATA.count(r -> !ConformanceData.COUNTRIES.contains(r.country())));
        expected.put("code-length", DATA.count(r -> r.code().length() != 3));
        expected.put("amount-rule", DATA.count(r -> r.amount() < 0 || Math.round(r.amount() / 4.0) == 5));
        expected.put("customer-known", DATA.count(r -> r.customerId() != null
                && (r.customerId() < 1 || r.customerId() > ConformanceData.CUSTOMERS)));
        expected.put("de-age", DATA.count(r -> r.country().equals("DE") && r.age() != null && r.age() > 50));
        expected.put("email-per-country", DATA.count(r -> r.email() == null));
        // Planted: every check type finds something, so a predicate that matched nothing could not pass unnoticed.
        assertThat(expected.values()).allMatch(count -> count > 0);

        RESULTS.forEach((engine, result) -> {
            assertThat(result.rowsScanned()).as(engine).isEqualTo(ConformanceData.ROWS);
            Map<String, Long> found = result.checks().stream()
                    .filter(o -> expected.containsKey(o.check().name()))
                    .collect(Collectors.toMap(o -> o.check().name(), CheckOutcome::rowsFailed, (a, b) -> a,
                            LinkedHashMap::new));
            assertThat(found).as(engine).containsExactlyEntriesOf(expected);
            assertThat(outcome(result, "de-age").rowsChecked()).as(engine)
                    .isEqualTo(DATA.count(r -> r.country().equals("DE")));
        });
    }

    @Test
    void everyEngineMeasuresTheMetricsComputedInJava() {
        double[] ages = DATA.ages();
        double[] sorted = ages.clone();
        Arrays.sort(sorted);
        double mean = Arrays.stream(ages).average().orElseThrow();
        double stddev = Math.sqrt(Arrays.stream(ages).map(a -> (a - mean) * (a - mean)).sum() / (ages.length - 1));
        double position = 0.9 * (sorted.length - 1);
        int below = (int) Math.floor(position);
        double p90 = sorted[below] + (position - below) * (sorted[Math.min(below + 1, sorted.length - 1)]
                - sorted[below]);

        RESULTS.forEach((engine, result) -> {
            assertThat(observed(result, "age-min")).as(engine).isEqualTo(0.0);
            assertThat(observed(result, "age-max")).as(engine).isEqualTo(150.0);
            assertThat(observed(result, "age-sum")).as(engine).isEqualTo(Arrays.stream(ages).sum());
            assertThat(observed(result, "age-avg")).as(engine).isCloseTo(mean, within(1e-9));
            assertThat(observed(result, "age-stddev")).as(engine).isCloseTo(stddev, within(1e-9));
            assertThat(observed(result, "age-p90")).as(engine).isCloseTo(p90, within(1e-9));
            assertThat(observed(result, "fresh")).as(engine).isEqualTo(Duration.ofHours(2).toSeconds());
            assertThat(outcome(result, "age-max").passed()).as(engine).isFalse();
            assertThat(outcome(result, "age-stddev").passed()).as(engine).isFalse();
            assertThat(outcome(result, "rows").passed()).as(engine).isTrue();
            assertThat(outcome(result, "shape").passed()).as(engine).isTrue();
        });
    }

    @Test
    void theEnginesAgreeOnEveryAggregateAndEveryGroup() {
        ScanResult reference = RESULTS.get("duckdb-csv");
        RESULTS.forEach((engine, result) -> {
            assertThat(result.checks()).hasSameSizeAs(reference.checks());
            for (int i = 0; i < reference.checks().size(); i++) {
                CheckOutcome expected = reference.checks().get(i);
                CheckOutcome actual = result.checks().get(i);
                String check = engine + " " + expected.check().name();
                assertThat(actual.rowsChecked()).as(check).isEqualTo(expected.rowsChecked());
                assertThat(actual.rowsFailed()).as(check).isEqualTo(expected.rowsFailed());
                assertThat(actual.passed()).as(check).isEqualTo(expected.passed());
                assertThat(actual.score()).as(check).isCloseTo(expected.score(), offset(1e-12));
                assertThat(actual.detail()).as(check).isEqualTo(expected.detail());
                assertThat(actual.observed().isPresent()).as(check).isEqualTo(expected.observed().isPresent());
                expected.observed().ifPresent(value -> assertThat(actual.observed().getAsDouble()).as(check)
                        .isCloseTo(value, within(1e-9)));
                assertThat(actual.groups().map(ConformanceTest::withoutObserved)).as(check)
                        .isEqualTo(expected.groups().map(ConformanceTest::withoutObserved));
            }
            assertThat(result.dimensionScores()).as(engine).isEqualTo(reference.dimensionScores());
            assertThat(result.score()).as(engine).isCloseTo(reference.score(), offset(1e-12));
        });
        GroupResults perCountry = outcome(reference, "age-avg-per-country").groups().orElseThrow();
        assertThat(perCountry.groups()).isEqualTo(4);
        assertThat(outcome(reference, "email-per-country").groups().orElseThrow().groups()).isEqualTo(4);
    }

    private static List<Object> withoutObserved(GroupResults groups) {
        return List.of(groups.columns(), groups.groups(), groups.groupsFailed(), groups.failing().stream()
                .map(g -> List.of(Objects.toString(g.key()), g.rowsChecked(), g.rowsFailed(),
                        Math.round(g.observed().orElse(-1) * 1e6)))
                .toList());
    }

    private static CheckOutcome outcome(ScanResult result, String check) {
        return result.checks().stream().filter(o -> o.check().name().equals(check)).findFirst().orElseThrow();
    }

    private static double observed(ScanResult result, String check) {
        return outcome(result, check).observed().orElseThrow();
    }
}
