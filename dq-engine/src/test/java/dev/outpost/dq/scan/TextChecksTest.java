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

/** The {@code length} and {@code format} checks on CSV and Parquet, nulls passing. */
class TextChecksTest {

    /**
     * Planted defects: codes of 1 and 6 characters; e-mails 'bad@' and 'a@@b.com'; UUIDs 'not-a-uuid' and one without
     * dashes; dates 2023-02-29 (does not exist), 2024-13-01 and 2024-1-05; URLs with scheme ftp and with a space.
     * Every column has one null.
     */
    private static final String VALUES_CSV = """
            code,email,uuid,day,site
            ab,a@x.de,123e4567-e89b-12d3-a456-426614174000,2024-02-29,https://example.com/path?q=1
            abcd,bad@,123E4567-E89B-12D3-A456-426614174000,2023-02-29,ftp://example.com
            a,,not-a-uuid,2024-13-01,http://localhost:8080
            ,x.y@sub.example.org,,2024-1-05,https://exa mple.com
            abcdef,a@@b.com,123e4567e89b12d3a456426614174000,,HTTP://EXAMPLE.COM
            ok,o'neil@example.com,00000000-0000-0000-0000-000000000000,2024-12-31,
            """;

    private static final RuleSet RULES = RuleSetParser.parse("""
            checks:
              - {name: code-length, type: length, column: code, min: 2, max: 4}
              - {name: code-short, type: length, column: code, max: 3}
              - {name: email, type: format, column: email, format: email}
              - {name: uuid, type: format, column: uuid, format: uuid}
              - {name: day, type: format, column: day, format: iso_date}
              - {name: site, type: format, column: site, format: url}
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
    void countsLengthAndFormatViolationsInCsv() throws Exception {
        Path csv = TestData.write(workspaceDirectory.resolve("values.csv"), VALUES_CSV);

        assertPlantedDefectsFound(new CheckEvaluator().evaluate(workspace, DataSet.csv(List.of(csv)), RULES, 10, sink));
        assertThat(sink.rowsByCheck.get("day")).extracting(row -> row.get(3))
                .containsExactlyInAnyOrder("2023-02-29", "2024-13-01", "2024-1-05");
    }

    @Test
    void countsTheSameViolationsInParquet() throws Exception {
        Path csv = TestData.write(workspaceDirectory.resolve("values.csv"), VALUES_CSV);
        Path parquet = TestData.parquetOf(csv, workspaceDirectory.resolve("values.parquet"));

        assertPlantedDefectsFound(new CheckEvaluator().evaluate(workspace, DataSet.parquet(List.of(parquet)), RULES, 0,
                sink));
    }

    private static void assertPlantedDefectsFound(ScanResult result) {
        assertThat(result.rowsScanned()).isEqualTo(6);
        assertThat(result.checks()).extracting(o -> o.check().name(), CheckOutcome::rowsFailed, CheckOutcome::passed)
                .containsExactly(
                        tuple("code-length", 2L, false),
                        tuple("code-short", 2L, false),
                        tuple("email", 2L, false),
                        tuple("uuid", 2L, false),
                        tuple("day", 3L, false),
                        tuple("site", 2L, false));
    }
}
