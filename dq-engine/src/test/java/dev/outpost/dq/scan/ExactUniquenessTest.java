package dev.outpost.dq.scan;

import static org.assertj.core.api.Assertions.assertThat;

import dev.outpost.dq.rules.RuleSetParser;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Uniqueness is counted exactly: a small duplicate rate that an approximate distinct count hides is found. */
class ExactUniquenessTest {

    private static final int ROWS = 200_000;

    @TempDir
    Path directory;

    @Test
    void findsEveryRowOfAZeroPointOnePercentDuplicateRate() throws Exception {
        Path ids = directory.resolve("ids.parquet");
        long approximateExtras;
        try (Connection connection = DriverManager.getConnection("jdbc:duckdb:");
                Statement statement = connection.createStatement()) {
            // One id in 1,000 repeats the previous one: 200 ids twice, 400 failing rows.
            statement.execute("COPY (SELECT CASE WHEN i % 1000 = 999 THEN i - 1 ELSE i END AS id FROM range("
                    + ROWS + ") AS t(i)) TO '" + ids + "' (FORMAT parquet)");
            try (ResultSet approximate = statement.executeQuery("SELECT count(*) - approx_count_distinct(id) FROM '"
                    + ids + "'")) {
                approximate.next();
                approximateExtras = approximate.getLong(1);
            }
        }

        ScanResult result;
        try (DuckDbWorkspace workspace = DuckDbWorkspace.open(directory)) {
            result = new CheckEvaluator().evaluate(workspace, DataSet.parquet(List.of(ids)),
                    RuleSetParser.parse("checks: [{name: id-unique, type: unique, columns: [id]}]"), 0,
                    SampleSink.DISCARD);
        }

        assertThat(result.checks().getFirst().rowsFailed()).isEqualTo(2L * ROWS / 1000);
        // HyperLogLog's error at this size is larger than the 200 extra rows: it cannot tell this rate apart.
        assertThat(approximateExtras).isNotEqualTo(ROWS / 1000);
    }
}
