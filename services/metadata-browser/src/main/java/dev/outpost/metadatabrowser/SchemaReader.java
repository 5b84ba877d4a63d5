package dev.outpost.metadatabrowser;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;

import dev.outpost.proto.interactive.v1.ColumnInfo;
import dev.outpost.proto.job.v1.DataFormat;

/**
 * An in-memory DuckDB that reads files in one scratch directory and nothing else, and reports their columns.
 *
 * <p>The lockdown is dq-engine's {@code DuckDbWorkspace}'s (no extension loading, {@code allowed_directories} = the
 * scratch directory, external access off, configuration locked), repeated here because that class runs checks but
 * does not expose column types. The files are read the way the engine reads them, so a browse shows the types a job
 * will see.
 */
final class SchemaReader implements AutoCloseable {

    private final Connection connection;

    private SchemaReader(Connection connection) {
        this.connection = connection;
    }

    /** Opens a DuckDB confined to {@code directory} (an existing directory). */
    static SchemaReader open(Path directory) throws SQLException, IOException {
        Path real = directory.toRealPath();
        Properties settings = new Properties();
        settings.setProperty("autoinstall_known_extensions", "false");
        settings.setProperty("autoload_known_extensions", "false");
        settings.setProperty("temp_directory", Files.createDirectories(real.resolve(".duckdb-tmp")).toString());
        Connection connection = DriverManager.getConnection("jdbc:duckdb:", settings);
        try (Statement statement = connection.createStatement()) {
            // In this order: once external access is off and the configuration locked, nothing can widen it.
            statement.execute("SET allowed_directories = [" + literal(real + real.getFileSystem().getSeparator()) + "]");
            statement.execute("SET enable_external_access = false");
            statement.execute("SET lock_configuration = true");
        } catch (SQLException e) {
            connection.close();
            throw e;
        }
        return new SchemaReader(connection);
    }

    /** The columns of {@code file} (inside the directory) read as {@code format}, in order. */
    List<ColumnInfo> columnsOf(Path file, DataFormat format) throws InferenceException {
        String relation = switch (format) {
            case DATA_FORMAT_CSV -> "read_csv(" + literal(file.toString()) + ", header = true)";
            case DATA_FORMAT_PARQUET -> "read_parquet(" + literal(file.toString()) + ")";
            default -> throw new IllegalArgumentException("no reader for " + format);
        };
        List<ColumnInfo> columns = new ArrayList<>();
        try (Statement statement = connection.createStatement();
                ResultSet described = statement.executeQuery("DESCRIBE SELECT * FROM " + relation)) {
            while (described.next()) {
                columns.add(ColumnInfo.newBuilder()
                        .setName(described.getString("column_name"))
                        .setType(described.getString("column_type"))
                        .build());
            }
        } catch (SQLException e) {
            // DuckDB's message quotes the offending line, so it stays out of the reply and the log.
            throw new InferenceException(switch (format) {
                case DATA_FORMAT_PARQUET -> "not a readable Parquet file: columns not inferred";
                default -> "not readable as CSV with a header row: columns not inferred";
            });
        }
        return columns;
    }

    private static String literal(String text) {
        return "'" + text.replace("'", "''") + "'";
    }

    @Override
    public void close() throws SQLException {
        connection.close();
    }
}
