package dev.outpost.dq.scan;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import dev.outpost.dq.rules.RuleSet;
import dev.outpost.dq.rules.RuleSetParser;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.OptionalDouble;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ReferenceAndGroupByTest {

    /** Orders 3 and 6 name unknown customers; order 4 names none, which passes a reference check. */
    private static final String ORDERS_CSV = """
            order_id,customer_id,country,amount
            1,10,DE,5
            2,11,DE,7
            3,99,FR,100
            4,,FR,3
            5,12,US,-4
            6,98,US,2
            """;
    private static final String CUSTOMERS_CSV = """
            id,name
            10,Ann
            11,Bob
            12,Cid
            ,nobody
            """;

    @TempDir
    Path directory;

    private DuckDbWorkspace workspace;
    private final RecordingSink sink = new RecordingSink();

    @BeforeEach
    void openWorkspace() {
        workspace = DuckDbWorkspace.open(directory);
    }

    @AfterEach
    void closeWorkspace() {
        workspace.close();
    }

    @Test
    void failsValuesMissingFromTheReferenceSourceAndPassesNulls() throws Exception {
        DataSet orders = DataSet.csv(List.of(TestData.write(directory.resolve("orders.csv"), ORDERS_CSV)));
        Path customersCsv = TestData.write(directory.resolve("customers.csv"), CUSTOMERS_CSV);
        // The reference is another source in another format, read in the same workspace.
        DataSet customers = DataSet.parquet(List.of(TestData.parquetOf(customersCsv,
                directory.resolve("customers.parquet"))));
        RuleSet rules = RuleSetParser.parse("""
                checks:
                  - name: customer-known
                    type: reference
                    column: customer_id
                    reference: {source: customers, column: id}
                """);

        ScanResult result = new CheckEvaluator().evaluate(workspace, orders, Map.of("customers", customers), rules,
                10, sink);

        assertThat(result.checks()).extracting(o -> o.check().dimension().yamlName(), CheckOutcome::rowsChecked,
                CheckOutcome::rowsFailed, CheckOutcome::passed).containsExactly(tuple("consistency", 6L, 2L, false));
        assertThat(sink.rowsByCheck.get("customer-known")).extracting(List::getFirst).containsExactlyInAnyOrder("3",
                "6");
    }

    @Test
    void namesAReferenceSourceTheJobDoesNotSupply() throws Exception {
        DataSet orders = DataSet.csv(List.of(TestData.write(directory.resolve("orders.csv"), ORDERS_CSV)));
        DataSet customers = DataSet.csv(List.of(TestData.write(directory.resolve("customers.csv"), CUSTOMERS_CSV)));
        RuleSet rules = RuleSetParser.parse("""
                checks:
                  - {name: customer-known, type: reference, column: customer_id, reference: {source: clients, column: id}}
                """);

        assertThatThrownBy(() -> new CheckEvaluator().evaluate(workspace, orders, Map.of("customers", customers),
                rules, 0, sink))
                .isInstanceOf(RuleSetMismatchException.class)
                .hasMessage("The rule set does not fit the job: check 'customer-known' reads reference source"
                        + " 'clients', which the job does not supply (it supplies 'customers'). Add the source to the"
                        + " job or fix the name.");
    }

    @Test
    void namesAReferenceColumnTheSourceLacksWithASuggestion() throws Exception {
        DataSet orders = DataSet.csv(List.of(TestData.write(directory.resolve("orders.csv"), ORDERS_CSV)));
        DataSet customers = DataSet.csv(List.of(TestData.write(directory.resolve("customers.csv"), CUSTOMERS_CSV)));
        RuleSet rules = RuleSetParser.parse("""
                checks:
                  - {name: customer-known, type: reference, column: customer_id, reference: {source: customers, column: idd}}
                """);

        assertThatThrownBy(() -> new CheckEvaluator().evaluate(workspace, orders, Map.of("customers", customers),
                rules, 0, sink))
                .isInstanceOf(RuleSetMismatchException.class)
                .hasMessage("The rule set does not fit the reference source 'customers': check 'customer-known' reads"
                        + " its column 'idd', which it does not have (did you mean 'id'?). Its columns: 'id', 'name'.");
    }

    @Test
    void judgesEachGroupOnItsOwnInTheSameScanAndReportsTheFirstFailingGroupsUpToTheCap() throws Exception {
        DataSet orders = DataSet.csv(List.of(TestData.write(directory.resolve("orders.csv"), ORDERS_CSV)));
        RuleSet rules = RuleSetParser.parse("""
                checks:
                  - {name: amount-range, type: between, column: amount, min: 0, max: 50,
                     group_by: [country], max_groups: 1}
                  - {name: avg-amount, type: metric, column: amount, metric: avg, must_be_between: [0, 10],
                     group_by: [country]}
                  - {name: two-per-country, type: row_count, min: 2, group_by: [country]}
                  - {name: customer-present, type: not_null, column: customer_id, group_by: [country],
                     max_failed_percent: 50}
                  - {name: overall-rows, type: row_count, min: 6}
                """);

        ScanResult result = new CheckEvaluator().evaluate(workspace, orders, rules, 0, sink);

        assertThat(result.rowsScanned()).isEqualTo(6);
        assertThat(result.checks()).extracting(o -> o.check().name(), CheckOutcome::rowsChecked,
                CheckOutcome::rowsFailed, CheckOutcome::passed, CheckOutcome::detail).containsExactly(
                        // FR has 100, US has -4: two of three groups fail; the row counts are the data set's.
                        tuple("amount-range", 6L, 2L, false, "2 of 3 groups by 'country' fail"),
                        // FR's average is 51.5 and US's is -1: their rows fail with them.
                        tuple("avg-amount", 6L, 4L, false, "2 of 3 groups by 'country' fail"),
                        tuple("two-per-country", 6L, 0L, true, ""),
                        // FR misses one customer of two: 50 % is within the threshold of each group.
                        tuple("customer-present", 6L, 1L, true, ""),
                        tuple("overall-rows", 6L, 0L, true, ""));
        GroupResults amounts = result.checks().get(0).groups().orElseThrow();
        assertThat(amounts.groups()).isEqualTo(3);
        assertThat(amounts.groupsFailed()).isEqualTo(2);
        assertThat(amounts.failing()).containsExactly(
                new GroupResults.Group(List.of("FR"), 2, 1, OptionalDouble.empty()));
        assertThat(result.checks().get(1).groups().orElseThrow().failing()).containsExactly(
                new GroupResults.Group(List.of("FR"), 2, 2, OptionalDouble.of(51.5)),
                new GroupResults.Group(List.of("US"), 2, 2, OptionalDouble.of(-1.0)));
        assertThat(result.checks().get(4).groups()).isEmpty();
    }

    @Test
    void groupsByAColumnWithNullsAndBySeveralColumns() throws Exception {
        DataSet orders = DataSet.csv(List.of(TestData.write(directory.resolve("orders.csv"), """
                region,country,amount
                EU,DE,1
                EU,DE,-1
                EU,,-2
                US,US,3
                """)));
        RuleSet rules = RuleSetParser.parse("""
                checks:
                  - {name: amount-positive, type: between, column: amount, min: 0, group_by: [region, country]}
                  - {name: per-country, type: between, column: amount, min: 0, group_by: [country]}
                """);

        ScanResult result = new CheckEvaluator().evaluate(workspace, orders, rules, 0, sink);

        assertThat(result.checks().get(0).groups().orElseThrow().failing()).containsExactly(
                new GroupResults.Group(List.of("EU", "DE"), 2, 1, OptionalDouble.empty()),
                new GroupResults.Group(Arrays.asList("EU", null), 1, 1, OptionalDouble.empty()));
        assertThat(result.checks().get(1).groups().orElseThrow()).extracting(GroupResults::groups,
                GroupResults::groupsFailed).containsExactly(3L, 2L);
    }
}
