package dev.outpost.dq.scan;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import dev.outpost.dq.rules.RuleSet;
import dev.outpost.dq.rules.RuleSetParser;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code expression} checks and per-check {@code filter}s, counted in the one scan. */
class ExpressionAndFilterTest {

    /**
     * Orders: amounts -5 (DE), 0 (FR), 12.5 (DE), null (DE), 'n/a' (US, not a number), 40 (DE, duplicate id 3 of an
     * FR row).
     */
    private static final String ORDERS_CSV = """
            id,country,amount,status,note
            1,DE,-5,paid,
            2,FR,0,open,x
            3,DE,12.5,paid,it's
            4,DE,,void,
            5,US,n/a,paid,
            3,FR,40,paid,'; DROP TABLE orders; --
            """;

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
    void failsRowsWhereTheConditionIsFalseAndPassesRowsWhereItIsUnknown() throws Exception {
        RuleSet rules = RuleSetParser.parse("""
                checks:
                  - {name: not-negative, type: expression, condition: amount >= 0}
                  - name: paid-has-amount
                    type: expression
                    condition: "status <> 'paid' OR (amount IS NOT NULL AND abs(amount) * 2 > 1)"
                  - name: known-status
                    type: expression
                    condition: "upper(status) IN ('PAID', 'OPEN') OR coalesce(note, '') = 'x'"
                  - name: quote-in-value
                    type: expression
                    condition: "note IS NULL OR note <> 'it''s'"
                """);

        ScanResult result = evaluate(rules, 10);

        // amount >= 0: -5 fails; null and 'n/a' (not a number) are unknown and pass.
        // paid-has-amount: 'n/a' is paid, and abs(null) * 2 > 1 is unknown, so it passes; -5 passes (abs).
        assertThat(result.checks()).extracting(o -> o.check().name(), CheckOutcome::rowsChecked,
                CheckOutcome::rowsFailed).containsExactly(
                        tuple("not-negative", 6L, 1L),
                        tuple("paid-has-amount", 6L, 0L),
                        tuple("known-status", 6L, 1L),
                        tuple("quote-in-value", 6L, 1L));
        assertThat(sink.rowsByCheck.get("known-status")).extracting(row -> row.get(3)).containsExactly("void");
        assertThat(sink.rowsByCheck.get("quote-in-value")).extracting(List::getFirst).containsExactly("3");
    }

    @Test
    void looksOnlyAtTheRowsTheFilterAdmits() throws Exception {
        RuleSet rules = RuleSetParser.parse("""
                checks:
                  - {name: de-amount, type: not_null, column: amount, filter: "country = 'DE'"}
                  - {name: de-ids-unique, type: unique, columns: [id], filter: "country = 'DE'"}
                  - {name: all-ids-unique, type: unique, columns: [id]}
                  - {name: paid-avg, type: metric, column: amount, metric: avg, must_be_at_least: 20,
                     filter: "status = 'paid' AND amount > 0"}
                  - {name: de-rows, type: row_count, min: 4, filter: "country = 'DE'"}
                  - {name: positive-where-known, type: between, column: amount, min: 0,
                     filter: "amount IS NOT NULL", max_failed_percent: 20}
                """);

        ScanResult result = evaluate(rules, 10);

        assertThat(result.rowsScanned()).isEqualTo(6);
        assertThat(result.checks()).extracting(o -> o.check().name(), CheckOutcome::rowsChecked,
                CheckOutcome::rowsFailed, CheckOutcome::passed).containsExactly(
                        tuple("de-amount", 3L, 1L, false),
                        tuple("de-ids-unique", 3L, 0L, true),
                        tuple("all-ids-unique", 6L, 2L, false),
                        // paid with amount > 0: 12.5 and 40 ('n/a' is unknown, so not admitted)
                        tuple("paid-avg", 2L, 0L, true),
                        tuple("de-rows", 3L, 3L, false),
                        // -5 and 'n/a' fail out of 5 admitted rows: 40 % > 20 %
                        tuple("positive-where-known", 5L, 2L, false));
        assertThat(result.checks().get(3).observed().getAsDouble()).isEqualTo(26.25);
        assertThat(result.checks().get(4).detail()).isEqualTo("the filter admits 3 rows");
        assertThat(result.checks().getFirst().score()).isEqualTo(2 / 3.0);
        assertThat(sink.rowsByCheck.get("de-amount")).extracting(List::getFirst).containsExactly("4");
    }

    @Test
    void readsAColumnAsAConditionAndTreatsTextThatIsNoBooleanAsUnknown() throws Exception {
        Path flags = TestData.write(workspaceDirectory.resolve("flags.csv"), """
                id,approved
                1,true
                2,false
                3,maybe
                4,
                """);
        RuleSet rules = RuleSetParser.parse("""
                checks:
                  - {name: approved, type: expression, condition: approved}
                  - {name: not-approved, type: expression, condition: NOT approved}
                """);

        ScanResult result = new CheckEvaluator().evaluate(workspace, DataSet.csv(List.of(flags)), rules, 0, sink);

        assertThat(result.checks()).extracting(CheckOutcome::rowsFailed).containsExactly(1L, 1L);
    }

    @Test
    void countsTheSameInParquet() throws Exception {
        Path csv = TestData.write(workspaceDirectory.resolve("orders.csv"), ORDERS_CSV);
        Path parquet = TestData.parquetOf(csv, workspaceDirectory.resolve("orders.parquet"));
        RuleSet rules = RuleSetParser.parse("""
                checks:
                  - {name: not-negative, type: expression, condition: amount >= 0}
                  - {name: de-amount, type: not_null, column: amount, filter: "country = 'DE'"}
                  - {name: de-ids-unique, type: unique, columns: [id], filter: "lower(country) = 'de'"}
                """);

        ScanResult result = new CheckEvaluator().evaluate(workspace, DataSet.parquet(List.of(parquet)), rules, 0,
                sink);

        assertThat(result.checks()).extracting(CheckOutcome::rowsChecked, CheckOutcome::rowsFailed)
                .containsExactly(tuple(6L, 1L), tuple(3L, 1L), tuple(3L, 0L));
    }

    @Test
    void namesTheMissingColumnOfAFilterOrConditionWithASuggestion() throws Exception {
        RuleSet rules = RuleSetParser.parse("""
                checks:
                  - {name: a, type: not_null, column: id, filter: "contry = 'DE'"}
                  - {name: b, type: expression, condition: "staus = 'paid'"}
                """);

        RuleSetMismatchException mismatch = org.assertj.core.api.Assertions.catchThrowableOfType(
                RuleSetMismatchException.class, () -> evaluate(rules, 0));

        assertThat(mismatch.missingColumns()).containsExactly(
                new RuleSetMismatchException.MissingColumn("a", "contry"),
                new RuleSetMismatchException.MissingColumn("b", "staus"));
        assertThat(mismatch.getMessage()).contains("(did you mean 'country'?)", "(did you mean 'status'?)");
    }

    private ScanResult evaluate(RuleSet rules, int sampleLimit) throws Exception {
        Path orders = TestData.write(workspaceDirectory.resolve("orders.csv"), ORDERS_CSV);
        return new CheckEvaluator().evaluate(workspace, DataSet.csv(List.of(orders)), rules, sampleLimit, sink);
    }
}
