package dev.outpost.dq.scan;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.assertj.core.api.Assertions.offset;
import static org.assertj.core.api.Assertions.tuple;

import dev.outpost.dq.rules.Dimension;
import dev.outpost.dq.rules.RuleSet;
import dev.outpost.dq.rules.RuleSetParser;
import dev.outpost.dq.rules.Severity;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CheckEvaluatorTest {

    private static final RuleSet PEOPLE_RULES = RuleSetParser.parse("""
            checks:
              - {name: id-present, type: not_null, column: id}
              - {name: id-unique, type: unique, columns: [id]}
              - name: email-format
                type: regex
                column: email
                pattern: '^[^@ ]+@[^@ ]+\\.[a-z]{2,}$'
              - {name: age-range, type: between, column: age, min: 0, max: 120}
              - {name: country-known, type: allowed_values, column: country, values: [DE, FR, US]}
              - {name: enough-rows, type: row_count, min: 5, max: 10}
              - {name: many-rows, type: row_count, min: 100}
            """);

    @TempDir
    Path workspaceDirectory;

    private DuckDbWorkspace workspace;
    private final RecordingSink sink = new RecordingSink();

    @BeforeEach
    void openWorkspace() {
        workspace = DuckDbWorkspace.open(workspaceDirectory);
    }

    @AfterEach
    void closeWorkspace() {
        workspace.close();
    }

    @Test
    void countsThePlantedDefectsOfEveryCheckTypeInCsv() throws Exception {
        Path people = TestData.write(workspaceDirectory.resolve("people.csv"), TestData.PEOPLE_CSV);

        ScanResult result = evaluate(DataSet.csv(List.of(people)), PEOPLE_RULES, 0);

        assertPlantedDefectsFound(result);
    }

    @Test
    void countsTheSameDefectsInParquet() throws Exception {
        Path csv = TestData.write(workspaceDirectory.resolve("people.csv"), TestData.PEOPLE_CSV);
        Path parquet = TestData.parquetOf(csv, workspaceDirectory.resolve("people.parquet"));

        ScanResult result = evaluate(DataSet.parquet(List.of(parquet)), PEOPLE_RULES, 0);

        assertPlantedDefectsFound(result);
    }

    private static void assertPlantedDefectsFound(ScanResult result) {
        assertThat(result.rowsScanned()).isEqualTo(6);
        assertThat(result.checks())
                .extracting(o -> o.check().name(), CheckOutcome::rowsChecked, CheckOutcome::rowsFailed,
                        CheckOutcome::passed)
                .containsExactly(
                        tuple("id-present", 6L, 1L, false),
                        tuple("id-unique", 6L, 2L, false),
                        tuple("email-format", 6L, 1L, false),
                        tuple("age-range", 6L, 3L, false),
                        tuple("country-known", 6L, 2L, false),
                        tuple("enough-rows", 6L, 0L, true),
                        tuple("many-rows", 6L, 6L, false));
        assertThat(result.checks()).extracting(CheckOutcome::score)
                .containsExactly(5 / 6.0, 4 / 6.0, 5 / 6.0, 3 / 6.0, 4 / 6.0, 1.0, 0.0);
        assertThat(result.dimensionScores()).containsOnlyKeys(Dimension.COMPLETENESS, Dimension.UNIQUENESS,
                Dimension.VALIDITY);
        assertThat(result.dimensionScores().get(Dimension.COMPLETENESS)).isCloseTo(11 / 18.0, offset(1e-12));
        assertThat(result.dimensionScores().get(Dimension.UNIQUENESS)).isCloseTo(2 / 3.0, offset(1e-12));
        assertThat(result.dimensionScores().get(Dimension.VALIDITY)).isCloseTo(2 / 3.0, offset(1e-12));
        assertThat(result.score()).isCloseTo(9 / 14.0, offset(1e-12));
    }

    @Test
    void handsFailingRowsAsTextToTheSinkWithNullsKept() throws Exception {
        Path people = TestData.write(workspaceDirectory.resolve("people.csv"), TestData.PEOPLE_CSV);

        ScanResult result = evaluate(DataSet.csv(List.of(people)), PEOPLE_RULES, 10);

        assertThat(sink.rowsByCheck).containsOnlyKeys("id-present", "id-unique", "email-format", "age-range",
                "country-known");
        assertThat(sink.columnsByCheck.get("age-range")).containsExactly("id", "email", "age", "country");
        assertThat(sink.rowsByCheck.get("age-range")).containsExactlyInAnyOrder(
                List.of("2", "bad-email", "150", "FR"),
                Arrays.asList("3", null, "abc", "XX"),
                List.of("3", "c@x.com", "-1", "US"));
        assertThat(sink.rowsByCheck.get("id-present")).containsExactly(Arrays.asList(null, "d@x.org", "40", null));
        assertThat(sink.rowsByCheck.get("id-unique")).extracting(List::getFirst).containsExactly("3", "3");
        assertThat(result.checks()).extracting(CheckOutcome::samplesStored).containsExactly(1L, 2L, 1L, 3L, 2L, 0L, 0L);
    }

    @Test
    void samplesGatheredByTheScanAllFailTheirCheckAndAreCapped() throws Exception {
        // Every 7th amount is negative. Each 100th row repeats the previous row's (customer, product), but not where
        // one of the two has a negative amount: the unique check's filter leaves that row out. Every two rows share a
        // batch. A unique check's rows come from the scan when enough carried their text through its window, else
        // they are read again by their keys: the large limit forces that for both unique checks.
        StringBuilder csv = new StringBuilder("id,customer,product,amount,batch\n");
        Map<String, Set<String>> failingIds = new HashMap<>();
        Map<Integer, List<String>> admittedByCustomer = new HashMap<>();
        Map<Integer, List<String>> byBatch = new HashMap<>();
        for (int i = 1; i <= 3_000; i++) {
            int customer = i % 100 == 0 ? i - 1 : i;
            int amount = i % 7 == 0 ? -1 : i;
            csv.append(i).append(',').append(customer).append(",p,").append(amount).append(',').append(i / 2)
                    .append('\n');
            String id = Integer.toString(i);
            if (amount < 0) {
                failingIds.computeIfAbsent("amount-positive", c -> new HashSet<>()).add(id);
            } else {
                admittedByCustomer.computeIfAbsent(customer, c -> new ArrayList<>()).add(id);
            }
            byBatch.computeIfAbsent(i / 2, b -> new ArrayList<>()).add(id);
        }
        admittedByCustomer.values().stream().filter(ids -> ids.size() > 1)
                .forEach(ids -> failingIds.computeIfAbsent("pair-unique", c -> new HashSet<>()).addAll(ids));
        byBatch.values().stream().filter(ids -> ids.size() > 1)
                .forEach(ids -> failingIds.computeIfAbsent("batch-unique", c -> new HashSet<>()).addAll(ids));
        Path orders = TestData.write(workspaceDirectory.resolve("orders.csv"), csv.toString());
        RuleSet rules = RuleSetParser.parse("""
                checks:
                  - {name: amount-positive, type: between, column: amount, min: 0}
                  - {name: pair-unique, type: unique, columns: [customer, product], filter: "amount >= 0"}
                  - {name: batch-unique, type: unique, columns: [batch]}
                """);

        Map<String, List<List<String>>> firstSamples = null;
        for (int limit : new int[] {5, 100, 5}) {
            ScanResult result = evaluate(DataSet.csv(List.of(orders)), rules, limit);

            assertThat(result.checks()).allSatisfy(outcome -> {
                Set<String> failing = failingIds.get(outcome.check().name());
                assertThat(outcome.rowsFailed()).isEqualTo(failing.size());
                assertThat(outcome.samplesStored()).isEqualTo(Math.min(limit, failing.size()));
                assertThat(sink.rowsByCheck.get(outcome.check().name())).hasSize(Math.min(limit, failing.size()))
                        .allSatisfy(row -> assertThat(failing).contains(row.getFirst()));
            });
            if (firstSamples == null) {
                firstSamples = Map.copyOf(sink.rowsByCheck);
            } else if (limit == 5) {
                // The same rows again: a later scan in the same workspace replaces the earlier ones' samples.
                assertThat(sink.rowsByCheck).isEqualTo(firstSamples);
            }
        }
    }

    @Test
    void samplesParquetAsTheFirstFailingRowsInReadingOrder() throws Exception {
        // Every 7th amount is negative; each 100th row repeats the previous row's (customer, product), left out of the
        // unique check where an amount is negative; three rows have a large `rare`. Two files of small row groups:
        // the samples are read back by position, across row groups and files.
        StringBuilder csv = new StringBuilder("id,customer,product,amount,rare\n");
        Map<String, List<Integer>> failingIds = new HashMap<>();
        Map<Integer, List<Integer>> admittedByCustomer = new HashMap<>();
        for (int i = 1; i <= 3_000; i++) {
            int customer = i % 100 == 0 ? i - 1 : i;
            int amount = i % 7 == 0 ? -1 : i;
            int rare = i == 1_000 || i == 2_000 || i == 2_500 ? 999 : 1;
            csv.append(i).append(',').append(customer).append(",p,").append(amount).append(',').append(rare)
                    .append('\n');
            if (amount < 0) {
                failingIds.computeIfAbsent("amount-positive", c -> new ArrayList<>()).add(i);
            } else {
                admittedByCustomer.computeIfAbsent(customer, c -> new ArrayList<>()).add(i);
            }
            if (rare > 10) {
                failingIds.computeIfAbsent("rare-small", c -> new ArrayList<>()).add(i);
            }
        }
        failingIds.put("pair-unique", admittedByCustomer.values().stream().filter(ids -> ids.size() > 1)
                .flatMap(List::stream).sorted().toList());
        Path orders = TestData.write(workspaceDirectory.resolve("orders.csv"), csv.toString());
        Path first = TestData.parquetOf(orders, "id <= 1500", 128, workspaceDirectory.resolve("orders-1.parquet"));
        Path second = TestData.parquetOf(orders, "id > 1500", 128, workspaceDirectory.resolve("orders-2.parquet"));
        RuleSet rules = RuleSetParser.parse("""
                checks:
                  - {name: amount-positive, type: between, column: amount, min: 0}
                  - {name: pair-unique, type: unique, columns: [customer, product], filter: "amount >= 0"}
                  - {name: rare-small, type: between, column: rare, max: 10}
                """);

        for (int limit : new int[] {5, 100}) {
            ScanResult result = evaluate(DataSet.parquet(List.of(first, second)), rules, limit);

            assertThat(result.checks()).allSatisfy(outcome -> {
                List<Integer> failing = failingIds.get(outcome.check().name());
                List<String> expected = failing.subList(0, Math.min(limit, failing.size())).stream()
                        .map(String::valueOf).toList();
                assertThat(outcome.rowsFailed()).isEqualTo(failing.size());
                assertThat(outcome.samplesStored()).isEqualTo(expected.size());
                assertThat(sink.rowsByCheck.get(outcome.check().name())).extracting(List::getFirst)
                        .containsExactlyElementsOf(expected);
            });
        }
        assertThat(sink.rowsByCheck.get("rare-small")).containsExactly(List.of("1000", "999", "p", "1000", "999"),
                List.of("2000", "1999", "p", "2000", "999"), List.of("2500", "2499", "p", "2500", "999"));
    }

    @Test
    void samplesParquetByTextWhenAColumnHidesTheReadersRowNumbers() throws Exception {
        // A column of the file named like DuckDB's row-number column hides it (names ignore case): positions read
        // from it would all be 7, and every check would get one row.
        StringBuilder csv = new StringBuilder("id,File_Row_Number,amount\n");
        for (int i = 1; i <= 30; i++) {
            csv.append(i).append(",7,").append(i % 3 == 0 ? -1 : i).append('\n');
        }
        Path parquet = TestData.parquetOf(TestData.write(workspaceDirectory.resolve("hiding.csv"), csv.toString()),
                workspaceDirectory.resolve("hiding.parquet"));

        ScanResult result = evaluate(DataSet.parquet(List.of(parquet)), RuleSetParser.parse("""
                checks:
                  - {name: amount-positive, type: between, column: amount, min: 0}
                """), 4);

        assertThat(result.checks().getFirst().rowsFailed()).isEqualTo(10);
        assertThat(result.checks().getFirst().samplesStored()).isEqualTo(4);
        assertThat(sink.rowsByCheck.get("amount-positive")).hasSize(4).doesNotHaveDuplicates()
                .allSatisfy(row -> assertThat(row).element(2).isEqualTo("-1"));
    }

    @Test
    void capsSamplesAtTheLimit() throws Exception {
        Path people = TestData.write(workspaceDirectory.resolve("people.csv"), TestData.PEOPLE_CSV);

        ScanResult result = evaluate(DataSet.csv(List.of(people)), PEOPLE_RULES, 2);

        assertThat(sink.rowsByCheck.get("age-range")).hasSize(2)
                .allSatisfy(row -> assertThat(row.get(2)).isIn("150", "abc", "-1"));
        assertThat(result.checks().get(3).samplesStored()).isEqualTo(2);
    }

    @Test
    void samplesNothingWhenTheLimitIsZero() throws Exception {
        Path people = TestData.write(workspaceDirectory.resolve("people.csv"), TestData.PEOPLE_CSV);

        ScanResult result = evaluate(DataSet.csv(List.of(people)), PEOPLE_RULES, 0);

        assertThat(sink.rowsByCheck).isEmpty();
        assertThat(result.checks()).extracting(CheckOutcome::samplesStored).containsOnly(0L);
    }

    @Test
    void countsEveryRowOfADuplicatedCombinationButNoRowWithANullKey() throws Exception {
        Path orders = TestData.write(workspaceDirectory.resolve("orders.csv"), """
                customer,product,note
                1,x,first
                1,x,second
                1,y,different product
                2,x,different customer
                ,x,null customer
                ,x,null customer again
                3,,null product
                3,,null product again
                """);
        RuleSet rules = RuleSetParser.parse("checks: [{name: one-line-per-product, type: unique,"
                + " columns: [customer, product]}]");

        ScanResult result = evaluate(DataSet.csv(List.of(orders)), rules, 10);

        assertThat(result.checks().getFirst().rowsFailed()).isEqualTo(2);
        assertThat(sink.rowsByCheck.get("one-line-per-product")).extracting(row -> row.get(2))
                .containsExactlyInAnyOrder("first", "second");
    }

    @Test
    void readsGzippedCsvAndUnitesFilesByColumnName() throws Exception {
        Path plain = TestData.write(workspaceDirectory.resolve("2024.csv"), "id,email\n1,a@x.de\n2,\n");
        Path packed = TestData.gzip(workspaceDirectory.resolve("2025.csv.gz"), "email,id,age\nb@x.de,3,7\n,,8\n");
        RuleSet rules = RuleSetParser.parse("""
                checks:
                  - {name: email-present, type: not_null, column: email}
                  - {name: id-present, type: not_null, column: id}
                  - {name: age-present, type: not_null, column: age}
                """);

        ScanResult result = evaluate(DataSet.csv(List.of(plain, packed)), rules, 0);

        assertThat(result.rowsScanned()).isEqualTo(4);
        assertThat(result.checks()).extracting(CheckOutcome::rowsFailed).containsExactly(2L, 1L, 2L);
    }

    @Test
    void handlesQuotesInColumnNamesAndValues() throws Exception {
        Path staff = TestData.write(workspaceDirectory.resolve("staff.csv"), """
                "a""b",surname
                x'y,O'Brien
                x'y,Smith
                "z\"\"",O'Neil
                """);
        RuleSet rules = RuleSetParser.parse("""
                checks:
                  - name: known-surname
                    type: allowed_values
                    column: surname
                    values: ["O'Brien", "O'Neil"]
                  - name: quoted-code
                    type: regex
                    column: 'a"b'
                    pattern: "x'y"
                  - name: code-unique
                    type: unique
                    columns: ['a"b']
                """);

        ScanResult result = evaluate(DataSet.csv(List.of(staff)), rules, 10);

        assertThat(result.checks()).extracting(CheckOutcome::rowsFailed).containsExactly(1L, 1L, 2L);
        assertThat(sink.columnsByCheck.get("quoted-code")).containsExactly("a\"b", "surname");
        assertThat(sink.rowsByCheck.get("quoted-code")).containsExactly(List.of("z\"", "O'Neil"));
    }

    @Test
    void scoresAnEmptyDataSetAsValidButFailsItsRowCount() throws Exception {
        Path empty = TestData.write(workspaceDirectory.resolve("empty.csv"), "id,email\n");
        RuleSet rules = RuleSetParser.parse("""
                checks:
                  - {name: id-present, type: not_null, column: id}
                  - {name: some-rows, type: row_count, min: 1}
                """);

        ScanResult result = evaluate(DataSet.csv(List.of(empty)), rules, 10);

        assertThat(result.rowsScanned()).isZero();
        assertThat(result.checks()).extracting(CheckOutcome::rowsFailed, CheckOutcome::passed, CheckOutcome::score)
                .containsExactly(tuple(0L, true, 1.0), tuple(0L, false, 0.0));
        assertThat(result.score()).isEqualTo(0.5);
    }

    @Test
    void passesChecksWithinTheirThresholdAndWarnsInsteadOfFailingForWarnChecks() throws Exception {
        Path people = TestData.write(workspaceDirectory.resolve("people.csv"), TestData.PEOPLE_CSV);
        RuleSet rules = RuleSetParser.parse("""
                checks:
                  - {name: age-two-allowed, type: between, column: age, min: 0, max: 120, max_failed: 2}
                  - {name: age-three-allowed, type: between, column: age, min: 0, max: 120, max_failed: 3}
                  - {name: age-half-allowed, type: between, column: age, min: 0, max: 120, max_failed_percent: 50}
                  - {name: age-warn, type: between, column: age, min: 0, max: 120, severity: warn}
                  - {name: id-warn-ok, type: not_null, column: id, severity: warn, max_failed: 1}
                  - {name: rows-warn, type: row_count, min: 100, severity: warn}
                """);

        ScanResult result = evaluate(DataSet.csv(List.of(people)), rules, 10);

        assertThat(result.checks())
                .extracting(o -> o.check().name(), CheckOutcome::rowsFailed, CheckOutcome::passed,
                        CheckOutcome::severity, CheckOutcome::warned, CheckOutcome::failed)
                .containsExactly(
                        tuple("age-two-allowed", 3L, false, Severity.FAIL, false, true),
                        tuple("age-three-allowed", 3L, true, Severity.FAIL, false, false),
                        tuple("age-half-allowed", 3L, true, Severity.FAIL, false, false),
                        tuple("age-warn", 3L, false, Severity.WARN, true, false),
                        tuple("id-warn-ok", 1L, true, Severity.WARN, false, false),
                        tuple("rows-warn", 6L, false, Severity.WARN, true, false));
        // A threshold decides passing, not the score: the score is still the share of rows that passed.
        assertThat(result.checks()).extracting(CheckOutcome::score).startsWith(0.5, 0.5, 0.5, 0.5);
        // Failing rows of a check within its threshold are still sampled.
        assertThat(sink.rowsByCheck.get("age-three-allowed")).hasSize(3);
    }

    @Test
    void namesEveryCheckThatReadsAMissingColumn() throws Exception {
        Path people = TestData.write(workspaceDirectory.resolve("people.csv"), TestData.PEOPLE_CSV);
        RuleSet rules = RuleSetParser.parse("""
                checks:
                  - {name: id-present, type: not_null, column: id}
                  - {name: email-format, type: regex, column: Email, pattern: '.+@.+'}
                  - {name: phone-unique, type: unique, columns: [id, phone]}
                  - {name: country-present, type: not_null, column: contry}
                """);

        RuleSetMismatchException mismatch = catchThrowableOfType(RuleSetMismatchException.class,
                () -> evaluate(DataSet.csv(List.of(people)), rules, 10));

        assertThat(mismatch.missingColumns()).containsExactly(
                new RuleSetMismatchException.MissingColumn("email-format", "Email"),
                new RuleSetMismatchException.MissingColumn("phone-unique", "phone"),
                new RuleSetMismatchException.MissingColumn("country-present", "contry"));
        assertThat(mismatch.availableColumns()).containsExactly("id", "email", "age", "country");
        assertThat(mismatch).hasMessage("The rule set does not fit the data set: check 'email-format' reads column"
                + " 'Email', which the data set does not have (did you mean 'email'? column names are"
                + " case-sensitive); check 'phone-unique' reads column 'phone', which the data set does not have;"
                + " check 'country-present' reads column 'contry', which the data set does not have (did you mean"
                + " 'country'?). Available columns: 'id', 'email', 'age', 'country'. Fix the column names in the rule set or"
                + " check that the right files were given.");
    }

    @Test
    void reportsACorruptParquetFileByNameAndFormat() throws Exception {
        Path corrupt = workspaceDirectory.resolve("corrupt.parquet");
        Files.write(corrupt, "this is not parquet at all".getBytes());

        assertThatThrownBy(() -> evaluate(DataSet.parquet(List.of(corrupt)), PEOPLE_RULES, 10))
                .isInstanceOf(DataUnreadableException.class)
                .hasMessageStartingWith("The PARQUET data set (" + corrupt + ") cannot be read: invalid input error"
                        + " in '" + corrupt + "'. Check that each file is a complete Parquet file");
    }

    @Test
    void reportsAFileThatIsNotCsv() throws Exception {
        Path binary = workspaceDirectory.resolve("export.csv");
        Files.write(binary, new byte[] {0, (byte) 0xff, (byte) 0xfe, 0, 1, 2, 10, 0, (byte) 0x80, 10});

        assertThatThrownBy(() -> evaluate(DataSet.csv(List.of(binary)), PEOPLE_RULES, 10))
                .isInstanceOf(DataUnreadableException.class)
                .hasMessageContaining("cannot be read: invalid input error on line 1 of '" + binary + "'.")
                .hasMessageContaining("UTF-8 CSV with a header row");
    }

    @Test
    void reportsAValueThatBreaksTheDetectedColumnTypeWithoutQuotingIt() throws Exception {
        StringBuilder csv = new StringBuilder("id,name\n");
        // DuckDB detects types from the first 20480 rows; the odd value comes after them.
        for (int i = 0; i < 30_000; i++) {
            csv.append(i).append(",n\n");
        }
        csv.append("secret-value,n\n");
        Path late = TestData.write(workspaceDirectory.resolve("late.csv"), csv.toString());
        RuleSet rules = RuleSetParser.parse("checks: [{name: id-present, type: not_null, column: id}]");

        assertThatThrownBy(() -> evaluate(DataSet.csv(List.of(late)), rules, 10))
                .isInstanceOf(DataUnreadableException.class)
                .hasMessageContaining("cannot be read: conversion error on line 30002 of '" + late + "' in column 'id'.")
                .hasMessageNotContaining("secret")
                .hasNoCause();
    }

    @Test
    void reportsEachPhaseFromStartToEnd() throws Exception {
        Path people = TestData.write(workspaceDirectory.resolve("people.csv"), TestData.PEOPLE_CSV);
        List<String> reports = new ArrayList<>();

        new CheckEvaluator((phase, fraction) -> reports.add(phase + " " + fraction))
                .evaluate(workspace, DataSet.csv(List.of(people)), PEOPLE_RULES, 1, SampleSink.DISCARD);

        // On DuckDB the scan gathers the samples: reading them is one step.
        assertThat(reports).containsExactly("READING_SCHEMA 0.0", "READING_SCHEMA 1.0", "SCANNING 0.0",
                "SCANNING 1.0", "SAMPLING 0.0", "SAMPLING 1.0");
    }

    @Test
    void refusesANegativeSampleLimit() {
        assertThatThrownBy(() -> evaluate(DataSet.csv(List.of(Path.of("people.csv"))), PEOPLE_RULES, -1))
                .isInstanceOf(IllegalArgumentException.class);
    }

    private ScanResult evaluate(DataSet dataSet, RuleSet rules, int sampleLimit) {
        return new CheckEvaluator().evaluate(workspace, dataSet, rules, sampleLimit, sink);
    }
}
