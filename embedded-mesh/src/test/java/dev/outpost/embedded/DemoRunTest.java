package dev.outpost.embedded;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.Test;

class DemoRunTest {

    @Test
    void namesMadeFromFileNamesAreValidControlApiNames() {
        assertThat(DemoRun.slug(DemoRun.baseName("Sales Q3 (final).csv.gz"))).isEqualTo("sales-q3-final");
        assertThat(DemoRun.slug(DemoRun.baseName("my_rules.yaml"))).isEqualTo("my-rules");
        assertThat(DemoRun.slug("___")).isEqualTo("data");
        assertThat(DemoRun.slug("x".repeat(100))).hasSize(40);
    }

    @Test
    void theStarterRuleSetRequiresRowsAndNoNullsWithValidUniqueCheckNames() {
        String yaml = DemoRun.starterRules(List.of("Order ID", "order-id", "note \"x\""));
        assertThat(yaml).isEqualTo("""
                checks:
                  - name: has-rows
                    type: row_count
                    min: 1
                  - name: order-id-present
                    type: not_null
                    column: "Order ID"
                  - name: order-id-present-2
                    type: not_null
                    column: "order-id"
                  - name: note-x-present
                    type: not_null
                    column: "note \\"x\\""
                """);
    }

    @Test
    void ruleSetProblemsAreListedOncePerLineWithTheirPlace() throws Exception {
        var json = new com.fasterxml.jackson.databind.ObjectMapper();
        assertThat(DemoRun.problems(json.readTree("""
                {"error":"INVALID_ARGUMENT","message":"The rule set has 2 problems: ...","problems":[
                  {"line":4,"column":12,"path":"","message":"invalid YAML"},
                  {"line":8,"column":11,"path":"checks[1].type","message":"unknown check type 'x'"}]}
                """))).isEqualTo("    line 4, column 12: invalid YAML\n"
                + "    line 8, column 11 (checks[1].type): unknown check type 'x'");
        assertThat(DemoRun.problems(json.readTree("{\"error\":\"INVALID_ARGUMENT\",\"message\":\"name taken\"}")))
                .isEqualTo("    name taken");
    }

    @Test
    void tablesAlignNumbersRightAndCutLongCells() {
        String table = new TextTable(6, "NAME", ">N").row("email-format", 8).row(null, 1000).render();
        assertThat(table).isEqualTo("""
                  NAME       N
                  ------  ----
                  email…     8
                  null    1000
                """);
    }
}
