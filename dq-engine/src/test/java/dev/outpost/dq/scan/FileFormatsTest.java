package dev.outpost.dq.scan;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import dev.outpost.dq.rules.RuleSet;
import dev.outpost.dq.rules.RuleSetParser;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FileFormatsTest {

    private static final RuleSet RULES = RuleSetParser.parse("""
            checks:
              - {name: id-present, type: not_null, column: id}
              - {name: amount-range, type: between, column: amount, min: 0}
            """);

    @TempDir
    Path directory;

    private DuckDbWorkspace workspace;

    @BeforeEach
    void openWorkspace() {
        workspace = DuckDbWorkspace.open(directory);
    }

    @AfterEach
    void closeWorkspace() {
        workspace.close();
    }

    @Test
    void readsJsonLinesMatchingKeysAcrossLinesAndFiles() throws Exception {
        Path first = TestData.write(directory.resolve("events/a.jsonl"), """
                {"id": 1, "amount": 5}
                {"id": null, "amount": -1}
                """);
        Path second = TestData.write(directory.resolve("events/b.jsonl"), """
                {"amount": 3, "id": 3}
                {"id": 4}
                """);

        ScanResult result = evaluate(DataSet.jsonLines(List.of(first, second)));

        assertThat(result.rowsScanned()).isEqualTo(4);
        assertThat(result.checks()).extracting(CheckOutcome::rowsFailed).containsExactly(1L, 1L);
    }

    @Test
    void findsFilesByGlobInsideTheWorkspaceOnly() throws Exception {
        TestData.write(directory.resolve("sales/2026-01.csv"), "id,amount\n1,5\n");
        TestData.write(directory.resolve("sales/2026-02.csv"), "id,amount\n2,-5\n");
        TestData.write(directory.resolve("sales/old/2025-12.csv"), "id,amount\n3,1\n");
        TestData.write(directory.resolve("sales/readme.txt"), "not data\n");

        DataSet thisYear = workspace.matching(DataSet.Format.CSV, "sales/2026-*.csv", CsvOptions.DEFAULT);
        DataSet everything = workspace.matching(DataSet.Format.CSV, "sales/**.csv", CsvOptions.DEFAULT);

        assertThat(thisYear.files()).containsExactly(Path.of("sales/2026-01.csv"), Path.of("sales/2026-02.csv"));
        assertThat(evaluate(thisYear).checks().get(1).rowsFailed()).isEqualTo(1);
        assertThat(everything.files()).hasSize(3);
        assertThat(evaluate(everything).rowsScanned()).isEqualTo(3);
        assertThatThrownBy(() -> workspace.matching(DataSet.Format.CSV, "../**", CsvOptions.DEFAULT))
                .isInstanceOf(DataUnreadableException.class)
                .hasMessageContaining("must be relative to the job workspace and stay inside it");
        assertThatThrownBy(() -> workspace.matching(DataSet.Format.CSV, "/etc/*", CsvOptions.DEFAULT))
                .isInstanceOf(DataUnreadableException.class);
        assertThatThrownBy(() -> workspace.matching(DataSet.Format.CSV, "sales/*.parquet", CsvOptions.DEFAULT))
                .isInstanceOf(DataUnreadableException.class)
                .hasMessage("no file in the job workspace matches 'sales/*.parquet'; check the pattern ('*' does not"
                        + " cross folders, '**' does)");
    }

    @Test
    void reportsWhichFileLacksOrRetypesAColumnAndStillScansThemAll() throws Exception {
        Path a = TestData.write(directory.resolve("a.csv"), "id,amount,email\n1,5,a@x.de\n2,6,b@x.de\n");
        Path b = TestData.write(directory.resolve("b.csv"), "id,amount\n3,seven\n");

        ScanResult result = evaluate(DataSet.csv(List.of(Path.of("a.csv"), Path.of("b.csv"))));

        assertThat(result.rowsScanned()).isEqualTo(3);
        // 'seven' is not a number: the amount column is read as text, and the range check fails that row.
        assertThat(result.checks()).extracting(CheckOutcome::rowsFailed).containsExactly(0L, 1L);
        assertThat(result.fileDifferences()).containsExactly(
                new FileSchemaDifference(Path.of("a.csv"), "amount", Optional.of("BIGINT"), "VARCHAR"),
                new FileSchemaDifference(Path.of("b.csv"), "email", Optional.empty(), "VARCHAR"));
        assertThat(result.fileDifferences()).extracting(FileSchemaDifference::describe).containsExactly(
                "'a.csv' has column 'amount' as BIGINT, read as VARCHAR",
                "'b.csv' lacks column 'email' (read as null in its rows)");
        assertThat(a).exists();
        assertThat(b).exists();
    }

    @Test
    void reportsParquetFilesWithDifferentColumnTypes() throws Exception {
        Path ints = TestData.parquetOf(TestData.write(directory.resolve("i.csv"), "id,amount\n1,5\n"),
                directory.resolve("i.parquet"));
        Path doubles = TestData.parquetOf(TestData.write(directory.resolve("d.csv"), "id,amount\n2,-0.5\n"),
                directory.resolve("d.parquet"));

        ScanResult result = evaluate(DataSet.parquet(List.of(ints, doubles)));

        assertThat(result.checks()).extracting(CheckOutcome::rowsFailed).containsExactly(0L, 1L);
        assertThat(result.fileDifferences()).extracting(d -> d.file().getFileName().toString(),
                FileSchemaDifference::column, FileSchemaDifference::readAs)
                .containsExactly(tuple("i.parquet", "amount", "DOUBLE"));
    }

    @Test
    void readsCsvWithoutHeaderWithAGivenDelimiterAndQuote() throws Exception {
        Path file = TestData.write(directory.resolve("semi.txt"), "1;'a;b';5\n;'c';-2\n");
        RuleSet rules = RuleSetParser.parse("""
                checks:
                  - {name: first-present, type: not_null, column: column0}
                  - {name: text-length, type: length, column: column1, max: 1}
                """);
        CsvOptions options = CsvOptions.DEFAULT.withHeader(false).withDelimiter(';').withQuote('\'');

        ScanResult result = new CheckEvaluator().evaluate(workspace, DataSet.csv(List.of(file), options), rules, 0,
                SampleSink.DISCARD);

        assertThat(result.rowsScanned()).isEqualTo(2);
        // 'a;b' stays one value of three characters: the quote protected the delimiter.
        assertThat(result.checks()).extracting(CheckOutcome::rowsFailed).containsExactly(1L, 1L);
    }

    @Test
    void readsGzipWhateverTheFileNameAndByExtension() throws Exception {
        Path unnamed = TestData.gzip(directory.resolve("export.data"), "id,amount\n1,-1\n2,2\n");
        Path named = TestData.gzip(directory.resolve("export.csv.gz"), "id,amount\n,1\n");

        assertThat(evaluate(DataSet.csv(List.of(unnamed),
                CsvOptions.DEFAULT.withCompression(CsvOptions.Compression.GZIP))).checks())
                .extracting(CheckOutcome::rowsFailed).containsExactly(0L, 1L);
        assertThat(evaluate(DataSet.csv(List.of(named))).checks())
                .extracting(CheckOutcome::rowsFailed).containsExactly(1L, 0L);
        assertThat(Files.size(unnamed)).isPositive();
    }

    @Test
    void refusesADelimiterThatIsALineBreakOrEqualsTheQuote() {
        assertThatThrownBy(() -> CsvOptions.DEFAULT.withDelimiter('\n'))
                .hasMessage("the CSV delimiter cannot be a line break or NUL");
        assertThatThrownBy(() -> CsvOptions.DEFAULT.withDelimiter('"').withQuote('"'))
                .hasMessage("the CSV delimiter and quote must differ, both are '\"'");
    }

    private ScanResult evaluate(DataSet dataSet) {
        return new CheckEvaluator().evaluate(workspace, dataSet, RULES, 0, SampleSink.DISCARD);
    }
}
