package dev.outpost.dq.scan;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.zip.GZIPOutputStream;

/** Writes the small data files the scan tests read. */
final class TestData {

    /**
     * Six people with planted defects: a null id, a duplicated id (3), an invalid e-mail, ages out of range (150, -1)
     * or not a number (abc), and unknown countries (XX, lower-case de).
     */
    static final String PEOPLE_CSV = """
            id,email,age,country
            1,a@x.de,30,DE
            2,bad-email,150,FR
            3,,abc,XX
            3,c@x.com,-1,US
            ,d@x.org,40,
            6,e@x.io,,de
            """;

    private TestData() {
    }

    static Path write(Path file, String text) throws IOException {
        Files.createDirectories(file.getParent());
        return Files.writeString(file, text);
    }

    static Path gzip(Path file, String text) throws IOException {
        try (OutputStream out = new GZIPOutputStream(Files.newOutputStream(file))) {
            out.write(text.getBytes(StandardCharsets.UTF_8));
        }
        return file;
    }

    /** Converts a CSV file to Parquet with an unrestricted DuckDB, keeping the detected column types. */
    static Path parquetOf(Path csv, Path parquet) throws SQLException {
        return parquetOf(csv, "TRUE", 122_880, parquet);
    }

    /**
     * Converts the rows of a CSV file where {@code condition} holds to Parquet, in their order, in row groups of
     * {@code rowGroupSize} rows.
     */
    static Path parquetOf(Path csv, String condition, int rowGroupSize, Path parquet) throws SQLException {
        try (Connection connection = DriverManager.getConnection("jdbc:duckdb:");
                Statement statement = connection.createStatement()) {
            statement.execute("COPY (SELECT * FROM read_csv('" + csv + "', header = true) WHERE " + condition
                    + ") TO '" + parquet + "' (FORMAT parquet, ROW_GROUP_SIZE " + rowGroupSize + ")");
        }
        return parquet;
    }
}
