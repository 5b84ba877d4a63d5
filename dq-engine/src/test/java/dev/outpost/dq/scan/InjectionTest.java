package dev.outpost.dq.scan;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import dev.outpost.dq.rules.RuleSetInvalidException;
import dev.outpost.dq.rules.RuleSetParser;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Hostile column names, values, expressions and file names: each is either quoted so that it means exactly itself,
 * or rejected with an error that says what to change.
 */
class InjectionTest {

    private static final String EVIL_COLUMN = "x\" FROM t; DROP TABLE y; --";

    @TempDir
    Path directory;

    @Test
    void columnNamesValuesAndFileNamesMeanExactlyThemselves() throws Exception {
        // The header's second column is named  x" FROM t; DROP TABLE y; --  (CSV doubles the quote).
        Path file = TestData.write(directory.resolve("it's; --.csv"), """
                id,"x"" FROM t; DROP TABLE y; --",country
                1,a,' OR '1'='1
                2,,DE
                3,b,FR
                """);
        Path codes = TestData.write(directory.resolve("codes'); --.csv"), "\"code'\"\nDE\n");
        String yaml = """
                checks:
                  - name: evil-present
                    type: not_null
                    column: 'x" FROM t; DROP TABLE y; --'
                  - name: country-known
                    type: allowed_values
                    column: country
                    values: ["' OR '1'='1", DE]
                  - name: country-pattern
                    type: regex
                    column: country
                    pattern: '[A-Z'']+'
                  - name: country-referenced
                    type: reference
                    column: country
                    reference: {source: codes, column: "code'"}
                  - name: per-evil-group
                    type: not_null
                    column: id
                    group_by: ['x" FROM t; DROP TABLE y; --']
                """;

        ScanResult result;
        try (DuckDbWorkspace workspace = DuckDbWorkspace.open(directory)) {
            result = new CheckEvaluator().evaluate(workspace, DataSet.csv(List.of(file)),
                    Map.of("codes", DataSet.csv(List.of(codes))), RuleSetParser.parse(yaml), 5, SampleSink.DISCARD);
        }

        assertThat(result.checks()).extracting(o -> o.check().name(), CheckOutcome::rowsFailed).containsExactly(
                tuple("evil-present", 1L),
                // The hostile value is just one allowed text: FR is the only value not listed.
                tuple("country-known", 1L),
                // ' OR '1'='1 has spaces and '=', which the pattern does not allow.
                tuple("country-pattern", 1L),
                tuple("country-referenced", 2L),
                tuple("per-evil-group", 0L));
        assertThat(result.checks().get(4).groups().orElseThrow().groups()).isEqualTo(3);
        assertThat(EVIL_COLUMN).contains("\"");
    }

    @Test
    void expressionsWithStatementsSubqueriesOrUnknownFunctionsAreRejectedWithTheirPosition() {
        assertThatThrownBy(() -> RuleSetParser.parse("""
                checks:
                  - {name: a, type: expression, condition: "amount > 0; DROP TABLE t"}
                  - {name: b, type: expression, condition: "amount > (SELECT max(amount) FROM t)"}
                  - {name: c, type: not_null, column: id, filter: "read_csv('/etc/passwd') IS NULL"}
                  - {name: d, type: expression, condition: "amount > 0 -- comment"}
                """))
                .isInstanceOf(RuleSetInvalidException.class)
                .satisfies(e -> assertThat(((RuleSetInvalidException) e).problems())
                        .extracting(p -> p.path())
                        .containsExactly("checks[0].condition", "checks[1].condition", "checks[2].filter",
                                "checks[3].condition"))
                .hasMessageContaining("';' is not allowed")
                .hasMessageContaining("read_csv");
    }
}
