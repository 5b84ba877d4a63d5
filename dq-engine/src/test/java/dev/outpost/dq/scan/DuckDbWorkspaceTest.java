package dev.outpost.dq.scan;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.outpost.dq.rules.RuleSet;
import dev.outpost.dq.rules.RuleSetParser;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DuckDbWorkspaceTest {

    private static final RuleSet ID_PRESENT = RuleSetParser.parse(
            "checks: [{name: id-present, type: not_null, column: id}]");

    @TempDir
    Path root;

    private Path workspaceDirectory;
    private Path outside;
    private DuckDbWorkspace workspace;

    @BeforeEach
    void openWorkspace() throws Exception {
        workspaceDirectory = Files.createDirectory(root.resolve("workspace"));
        outside = TestData.write(root.resolve("elsewhere/secret.csv"), "id\n1\n");
        workspace = DuckDbWorkspace.open(workspaceDirectory);
    }

    @AfterEach
    void closeWorkspace() {
        workspace.close();
    }

    @Test
    void readsFilesInsideTheWorkspace() throws Exception {
        TestData.write(workspaceDirectory.resolve("in/ids.csv"), "id\n1\n2\n");

        ScanResult result = evaluate(DataSet.csv(List.of(Path.of("in/ids.csv"))));

        assertThat(result.rowsScanned()).isEqualTo(2);
    }

    @Test
    void describesColumnsWithTheTypesAScanReads() throws Exception {
        TestData.write(workspaceDirectory.resolve("in/people.csv"), "id,name,score\n1,Ann,2.5\n2,Bob,3.0\n");

        assertThat(workspace.describe(DataSet.csv(List.of(Path.of("in/people.csv"))))).containsExactly(
                new Column("id", "BIGINT"), new Column("name", "VARCHAR"), new Column("score", "DOUBLE"));
    }

    @Test
    void theShapeOfAFileIsItsDescriptionAndItsRowCountWhetherReadOnceOrTwice() throws Exception {
        String header = "id,name,score,born,seen,active,note\n";
        String row = "%d,\"Ann, %d\",2.5,2001-02-03,2026-11-22 07:00:00,true,\n";
        StringBuilder big = new StringBuilder(header);
        for (int i = 0; big.length() <= DuckDbWorkspace.ONE_READ_BYTES; i++) {
            big.append(row.formatted(i, i));
        }
        long bigRows = big.chars().filter(c -> c == '\n').count() - 1;
        TestData.write(workspaceDirectory.resolve("small.csv"), header + row.formatted(1, 1) + row.formatted(2, 2));
        TestData.write(workspaceDirectory.resolve("big.csv"), big.toString());
        TestData.write(workspaceDirectory.resolve("header-only.csv"), header);
        TestData.write(workspaceDirectory.resolve("events.jsonl"), """
                {"id": 1, "who": {"name": "Ann", "tags": ["a"]}}
                {"id": 2, "who": {"name": "Bob", "tags": []}}
                """);
        TestData.parquetOf(workspaceDirectory.resolve("small.csv"), workspaceDirectory.resolve("small.parquet"));

        assertShape(DataSet.csv(List.of(Path.of("small.csv"))), 2);
        assertShape(DataSet.csv(List.of(Path.of("big.csv"))), bigRows);
        assertShape(DataSet.csv(List.of(Path.of("header-only.csv"))), 0);
        assertShape(new DataSet(DataSet.Format.JSON_LINES, List.of(Path.of("events.jsonl"))), 2);
        assertShape(DataSet.parquet(List.of(Path.of("small.parquet"))), 2);
        assertThat(workspace.describe(DataSet.csv(List.of(Path.of("small.csv"))))).extracting(Column::type)
                .containsExactly("BIGINT", "VARCHAR", "DOUBLE", "DATE", "TIMESTAMP", "BOOLEAN", "VARCHAR");
    }

    private void assertShape(DataSet dataSet, long rows) {
        assertThat(workspace.shape(dataSet)).as("%s", dataSet.files())
                .isEqualTo(new DataShape(workspace.describe(dataSet), rows));
    }

    @Test
    void theFirstRowsComeWithTheirColumnNamesInFileOrder() throws Exception {
        TestData.write(workspaceDirectory.resolve("people.csv"), "id,name\n2,Bob\n1,\n3,Cy\n");

        FirstRows first = workspace.firstRows(DataSet.csv(List.of(Path.of("people.csv"))), 2);

        assertThat(first.columns()).containsExactly("id", "name");
        assertThat(first.rows()).containsExactly(List.of("2", "Bob"), Arrays.asList("1", null));
    }

    @Test
    void describingAFileThatIsNotParquetIsAnUnreadableDataError() throws Exception {
        TestData.write(workspaceDirectory.resolve("in/fake.parquet"), "id\nsecret-value\n");

        assertThatThrownBy(() -> workspace.describe(DataSet.parquet(List.of(Path.of("in/fake.parquet")))))
                .isInstanceOf(DataUnreadableException.class)
                .message().doesNotContain("secret-value");
    }

    @Test
    void duckDbItselfCannotReadAFileOutsideTheWorkspace() {
        assertThatThrownBy(() -> query("SELECT count(*) FROM read_csv('" + outside + "')"))
                .isInstanceOf(SQLException.class)
                .hasMessageContaining("Permission Error");
        assertThatThrownBy(() -> query("SELECT count(*) FROM read_csv('" + workspaceDirectory
                + "/../elsewhere/secret.csv')"))
                .isInstanceOf(SQLException.class)
                .hasMessageContaining("Permission Error");
    }

    @Test
    void duckDbCannotWriteOutsideTheWorkspaceNorLoadExtensions() {
        assertThatThrownBy(() -> query("COPY (SELECT 1) TO '" + root.resolve("leak.csv") + "'"))
                .hasMessageContaining("Permission Error");
        assertThatThrownBy(() -> query("LOAD httpfs")).hasMessageContaining("Permission Error");
        assertThat(root.resolve("leak.csv")).doesNotExist();
    }

    @Test
    void theLockdownCannotBeLifted() {
        assertThatThrownBy(() -> query("SET enable_external_access = true"))
                .hasMessageContaining("the configuration has been locked");
        assertThatThrownBy(() -> query("SET allowed_directories = ['/']"))
                .hasMessageContaining("the configuration has been locked");
        assertThatThrownBy(() -> query("SET autoload_known_extensions = true"))
                .hasMessageContaining("the configuration has been locked");
    }

    @Test
    void refusesADataSetFileOutsideTheWorkspace() {
        assertThatThrownBy(() -> evaluate(DataSet.csv(List.of(outside))))
                .isInstanceOf(DataUnreadableException.class)
                .hasMessageContaining("lies outside the job workspace");
        assertThatThrownBy(() -> evaluate(DataSet.csv(List.of(Path.of("../elsewhere/secret.csv")))))
                .isInstanceOf(DataUnreadableException.class)
                .hasMessageContaining("lies outside the job workspace");
    }

    @Test
    void refusesASymbolicLinkThatLeadsOutOfTheWorkspace() throws Exception {
        Path link = Files.createSymbolicLink(workspaceDirectory.resolve("link.csv"), outside);

        assertThatThrownBy(() -> evaluate(DataSet.csv(List.of(link))))
                .isInstanceOf(DataUnreadableException.class)
                .hasMessage("data file '" + link + "' lies outside the job workspace " + workspaceDirectory.toRealPath()
                        + "; only files inside the workspace can be read");
    }

    @Test
    void reportsAMissingFile() {
        assertThatThrownBy(() -> evaluate(DataSet.parquet(List.of(Path.of("missing.parquet")))))
                .isInstanceOf(DataUnreadableException.class)
                .hasMessage("data file 'missing.parquet' does not exist in the job workspace");
    }

    @Test
    void readsAFileWhoseNameHasAQuote() throws Exception {
        TestData.write(workspaceDirectory.resolve("o'brien.csv"), "id\n1\n");

        assertThat(evaluate(DataSet.csv(List.of(Path.of("o'brien.csv")))).rowsScanned()).isEqualTo(1);
    }

    @Test
    void refusesAFileNameDuckDbWouldTakeForAPattern() throws Exception {
        TestData.write(workspaceDirectory.resolve("ids[1].csv"), "id\n1\n");

        assertThatThrownBy(() -> evaluate(DataSet.csv(List.of(Path.of("ids[1].csv")))))
                .isInstanceOf(DataUnreadableException.class)
                .hasMessageContaining("which DuckDB reads as a file pattern; rename it");
    }

    @Test
    void capsMemoryAndThreadsBeforeTheLock() throws Exception {
        try (DuckDbWorkspace limited = DuckDbWorkspace.open(workspaceDirectory,
                new DuckDbLimits(Optional.of("256MiB"), OptionalInt.of(1)));
                Statement statement = limited.connection().createStatement();
                ResultSet settings = statement.executeQuery(
                        "SELECT current_setting('memory_limit'), current_setting('threads')")) {
            settings.next();
            assertThat(settings.getString(1)).isEqualTo("256.0 MiB");
            assertThat(settings.getLong(2)).isEqualTo(1);
            assertThatThrownBy(() -> statement.execute("SET memory_limit = '8GiB'"))
                    .hasMessageContaining("the configuration has been locked");
        }
        assertThatThrownBy(() -> new DuckDbLimits(Optional.of("lots'; SET threads = 64; --"), OptionalInt.empty()))
                .hasMessageStartingWith("DuckDB memory limit 'lots'; SET threads = 64; --' is not a size");
        assertThatThrownBy(() -> new DuckDbLimits(Optional.empty(), OptionalInt.of(0)))
                .hasMessage("DuckDB threads must be at least 1, was 0");
    }

    @Test
    void refusesAWorkspaceThatIsNotADirectory() {
        assertThatThrownBy(() -> DuckDbWorkspace.open(outside)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> DuckDbWorkspace.open(root.resolve("nowhere")))
                .isInstanceOf(IllegalArgumentException.class);
    }

    private ScanResult evaluate(DataSet dataSet) {
        return new CheckEvaluator().evaluate(workspace, dataSet, ID_PRESENT, 0, SampleSink.DISCARD);
    }

    private void query(String sql) throws SQLException {
        try (Statement statement = workspace.connection().createStatement()) {
            statement.execute(sql);
        }
    }
}
