package dev.outpost.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;

/**
 * The benchmark's data set: {@code rows} rows with defects planted at fixed strides, written once as Parquet and as
 * CSV by an unrestricted DuckDB (the benchmark's own, not a job's).
 */
final class BenchData {

    /** The 8 checks, as a user writes them. */
    static final String RULE_SET = """
            checks:
              - {name: email-present, type: not_null, column: email}
              - {name: id-unique, type: unique, columns: [id]}
              - {name: email-format, type: regex, column: email, pattern: '[^@ ]+@[^@ ]+\\.[a-z]{2,}'}
              - {name: age-range, type: between, column: age, min: 0, max: 120}
              - {name: country-known, type: allowed_values, column: country, values: [DE, FR, US, GB]}
              - {name: code-length, type: length, column: code, max: 3}
              - {name: amount-positive, type: expression, condition: 'amount >= 0'}
              - {name: amount-avg, type: metric, column: amount, metric: avg, must_be_between: [0, 100]}
            """;

    static final String EMAIL_PATTERN = "[^@ ]+@[^@ ]+\\.[a-z]{2,}";
    static final List<String> FORMATS = List.of("parquet", "csv");

    private BenchData() {
    }

    static Path file(Path directory, String format) {
        return directory.resolve("rows." + format);
    }

    /** Writes both files unless they exist for the same row count. */
    static void generate(Path directory, long rows) throws IOException, SQLException {
        Files.createDirectories(directory);
        Path marker = directory.resolve("rows.count");
        if (Files.exists(marker) && Files.readString(marker).equals(Long.toString(rows))
                && FORMATS.stream().allMatch(f -> Files.exists(file(directory, f)))) {
            return;
        }
        // 0.1 % of ids repeat the previous one: 2 rows in 1,000 fail uniqueness, which an approximate distinct
        // count cannot see.
        String select = "SELECT CASE WHEN i % 1000 = 999 THEN i - 1 ELSE i END AS id,"
                + " CASE WHEN i % 97 = 0 THEN NULL WHEN i % 101 = 0 THEN 'broken-' || i"
                + " ELSE 'user' || i || '@example.org' END AS email,"
                + " CASE WHEN i % 89 = 0 THEN 150 WHEN i % 83 = 0 THEN -1 ELSE i % 100 END AS age,"
                + " CASE WHEN i % 79 = 0 THEN 'XX' ELSE ['DE', 'FR', 'US', 'GB'][1 + i % 4] END AS country,"
                + " CASE WHEN i % 73 = 0 THEN 'ABCDEFG' ELSE 'ABC' END AS code,"
                + " round((i % 10000) / 100.0 - CASE WHEN i % 71 = 0 THEN 200 ELSE 0 END, 2) AS amount,"
                + " DATE '2024-01-01' + CAST(i % 1000 AS INTEGER) AS created"
                + " FROM range(" + rows + ") AS t(i)";
        try (Connection connection = DriverManager.getConnection("jdbc:duckdb:");
                Statement statement = connection.createStatement()) {
            statement.execute("COPY (" + select + ") TO '" + file(directory, "parquet") + "' (FORMAT parquet)");
            statement.execute("COPY (" + select + ") TO '" + file(directory, "csv") + "' (FORMAT csv, HEADER)");
        }
        Files.writeString(marker, Long.toString(rows));
    }
}
