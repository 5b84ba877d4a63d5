package dev.outpost.dq.scan;

import dev.outpost.dq.sql.DuckDbDialect;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.PathMatcher;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * An in-memory DuckDB that can read files inside one workspace directory and nothing else.
 *
 * <p>The lockdown, applied before any query runs: {@code allowed_directories} is the workspace,
 * {@code enable_external_access=false} denies every other file, URL and database, extensions are neither installed
 * nor loaded automatically, and {@code lock_configuration=true} keeps later statements from undoing any of it.
 * DuckDB's spill files go to {@value #SPILL_DIRECTORY} inside the workspace, because DuckDB also allows access to its
 * temporary directory. Memory and threads are capped by {@link DuckDbLimits}, also before the lock. One workspace
 * serves one job on one thread at a time.
 */
public final class DuckDbWorkspace implements AutoCloseable {

    /** Where DuckDB spills intermediate results that do not fit in memory, relative to the workspace. */
    public static final String SPILL_DIRECTORY = ".duckdb-tmp";

    /** The most bytes of CSV or JSON lines {@link #shape} reads only once: a browse's sample, at its default size. */
    public static final long ONE_READ_BYTES = 1L << 20;

    private static final String GLOB_CHARACTERS = "*?[]{}";

    private final Path directory;
    private final Connection connection;
    private final DuckDbDialect dialect = new DuckDbDialect();

    private DuckDbWorkspace(Path directory, Connection connection) {
        this.directory = directory;
        this.connection = connection;
    }

    /**
     * Opens a DuckDB confined to {@code directory}.
     *
     * @throws IllegalArgumentException when {@code directory} is not an existing directory
     * @throws IllegalStateException when DuckDB cannot be started
     */
    public static DuckDbWorkspace open(Path directory) {
        return open(directory, DuckDbLimits.DEFAULT);
    }

    /**
     * Opens a DuckDB confined to {@code directory} and to {@code limits}, which later statements cannot raise.
     *
     * @throws IllegalArgumentException when {@code directory} is not an existing directory
     * @throws IllegalStateException when DuckDB cannot be started
     */
    public static DuckDbWorkspace open(Path directory, DuckDbLimits limits) {
        Path workspace;
        try {
            workspace = directory.toRealPath();
        } catch (IOException missing) {
            throw new IllegalArgumentException("workspace directory " + directory + " does not exist", missing);
        }
        if (!Files.isDirectory(workspace)) {
            throw new IllegalArgumentException("workspace " + workspace + " is not a directory");
        }
        Properties settings = new Properties();
        settings.setProperty("autoinstall_known_extensions", "false");
        settings.setProperty("autoload_known_extensions", "false");
        settings.setProperty("temp_directory", workspace.resolve(SPILL_DIRECTORY).toString());
        // Nothing read outlives its statement in memory: a workspace may serve several of metadata-browser's requests
        // in turn. (DuckDB caches no local file by default; this keeps it so if that default changes.)
        settings.setProperty("enable_external_file_cache", "false");
        try {
            Connection connection = DriverManager.getConnection("jdbc:duckdb:", settings);
            DuckDbWorkspace opened = new DuckDbWorkspace(workspace, connection);
            opened.lockDown(limits);
            return opened;
        } catch (SQLException e) {
            throw new IllegalStateException("cannot start embedded DuckDB for workspace " + workspace, e);
        }
    }

    private void lockDown(DuckDbLimits limits) throws SQLException {
        // Set with SQL rather than connection properties: the JDBC driver parses a list property itself, without a
        // way to quote a path that contains a quote or a comma. The order matters: allowed_directories first, then
        // external access off, then the lock.
        String workspaceDirectory = dialect.stringLiteral(directory + directory.getFileSystem().getSeparator());
        try (Statement statement = connection.createStatement()) {
            // Timestamps without a zone are UTC to every check, whatever the machine's zone.
            statement.execute("SET TimeZone = 'UTC'");
            if (limits.memoryLimit().isPresent()) {
                statement.execute("SET memory_limit = " + dialect.stringLiteral(limits.memoryLimit().get()));
            }
            if (limits.threads().isPresent()) {
                statement.execute("SET threads = " + limits.threads().getAsInt());
            }
            statement.execute("SET allowed_directories = [" + workspaceDirectory + "]");
            statement.execute("SET enable_external_access = false");
            statement.execute("SET lock_configuration = true");
        } catch (SQLException e) {
            connection.close();
            throw e;
        }
    }

    /** The workspace directory, with symbolic links resolved. */
    public Path directory() {
        return directory;
    }

    DuckDbDialect dialect() {
        return dialect;
    }

    Connection connection() {
        return connection;
    }

    /**
     * The scan target for {@code dataSet} and its reference data sets, with the columns of each read.
     *
     * @throws DataUnreadableException when a file cannot be found or read
     */
    ScanTarget target(DataSet dataSet, Map<String, DataSet> references) {
        ResolvedDataSet data = resolve(dataSet);
        ScanTarget.Relation relation = relationOf(data);
        Map<String, ScanTarget.Relation> referenceRelations = new LinkedHashMap<>();
        references.forEach((name, reference) -> referenceRelations.put(name, relationOf(resolve(reference))));
        return new ScanTarget(connection, dialect, relation, referenceRelations,
                error -> UnreadableData.from(error, data), data.files().toString());
    }

    private ScanTarget.Relation relationOf(ResolvedDataSet data) {
        try {
            List<Column> columns = columnsOf(data.relation());
            return new ScanTarget.Relation(data.relation(), columns, data.dataSet().format() == DataSet.Format.PARQUET
                    ? ParquetRowPositions.of(columns) : Optional.empty());
        } catch (SQLException e) {
            throw UnreadableData.from(e, data);
        }
    }

    /**
     * Finds the files of {@code dataSet} and the FROM-clause item that reads them.
     *
     * @throws DataUnreadableException when a file is missing, lies outside the workspace, or has a name DuckDB would
     *     take for a file pattern
     */
    ResolvedDataSet resolve(DataSet dataSet) {
        List<Path> files = dataSet.files().stream().map(this::insideWorkspace).toList();
        return new ResolvedDataSet(dataSet, files, reader(dataSet, files));
    }

    /** The table function reading {@code files} as {@code dataSet} says, matching columns across files by name. */
    private String reader(DataSet dataSet, List<Path> files) {
        String fileList = files.stream()
                .map(file -> dialect.stringLiteral(file.toString()))
                .collect(Collectors.joining(", ", "[", "]"));
        // Matching by name costs a schema pass over every file before the scan (for a small CSV, a second sniff as
        // long as the first); a single file has nothing to match.
        String byName = files.size() > 1 ? ", union_by_name = true" : "";
        return switch (dataSet.format()) {
            case CSV -> "read_csv(" + fileList + csvOptions(dataSet.csv()) + byName + ")";
            case PARQUET -> "read_parquet(" + fileList + byName + ")";
            case JSON_LINES -> "read_json(" + fileList + ", format = 'newline_delimited'" + byName + ")";
        };
    }

    private String csvOptions(CsvOptions csv) {
        StringBuilder options = new StringBuilder(", header = ").append(csv.header());
        csv.delimiter().ifPresent(c -> options.append(", delim = ").append(dialect.stringLiteral(String.valueOf(c))));
        csv.quote().ifPresent(c -> options.append(", quote = ").append(dialect.stringLiteral(String.valueOf(c))));
        switch (csv.compression()) {
            case GZIP -> options.append(", compression = 'gzip'");
            case NONE -> options.append(", compression = 'none'");
            case BY_EXTENSION -> {
            }
        }
        return options.toString();
    }

    /**
     * How each file of a multi-file data set differs from the table a scan reads: columns a file lacks, and columns
     * whose type in a file is not the type they are read as. Empty for a single file.
     *
     * @throws DataUnreadableException when a file cannot be read in the data set's format
     */
    public List<FileSchemaDifference> fileDifferences(DataSet dataSet) {
        ResolvedDataSet data = resolve(dataSet);
        if (data.files().size() < 2) {
            return List.of();
        }
        try {
            List<Column> table = columnsOf(data.relation());
            List<FileSchemaDifference> differences = new ArrayList<>();
            for (int i = 0; i < data.files().size(); i++) {
                Path named = dataSet.files().get(i);
                Map<String, String> fileColumns = new LinkedHashMap<>();
                columnsOf(reader(dataSet, List.of(data.files().get(i))))
                        .forEach(column -> fileColumns.put(column.name(), column.type()));
                for (Column column : table) {
                    String type = fileColumns.get(column.name());
                    if (type == null || !type.equals(column.type())) {
                        differences.add(new FileSchemaDifference(named, column.name(), Optional.ofNullable(type),
                                column.type()));
                    }
                }
            }
            return differences;
        } catch (SQLException e) {
            throw UnreadableData.from(e, data);
        }
    }

    /**
     * The workspace's files whose path relative to the workspace matches {@code glob} ({@code *} within a folder,
     * {@code **} across folders, {@code ?}, {@code [abc]}, {@code {a,b}}), in path order, as a data set.
     *
     * @throws DataUnreadableException when the pattern leaves the workspace or matches no file
     */
    public DataSet matching(DataSet.Format format, String glob, CsvOptions csv) {
        if (glob.isBlank() || glob.startsWith("/") || Path.of(".").getFileSystem().getSeparator().equals("\\")
                || List.of(glob.split("/")).contains("..")) {
            throw new DataUnreadableException("file pattern '" + glob + "' must be relative to the job workspace and"
                    + " stay inside it (no leading '/', no '..'), e.g. 'sales/2026-*.csv' or 'events/**'");
        }
        PathMatcher matcher = directory.getFileSystem().getPathMatcher("glob:" + glob);
        List<Path> files;
        try (Stream<Path> walk = Files.walk(directory)) {
            files = walk.filter(Files::isRegularFile)
                    .map(directory::relativize)
                    .filter(relative -> !relative.startsWith(SPILL_DIRECTORY) && matcher.matches(relative))
                    .sorted()
                    .toList();
        } catch (IOException e) {
            throw new DataUnreadableException("the job workspace cannot be listed: " + e.getClass().getSimpleName());
        }
        if (files.isEmpty()) {
            throw new DataUnreadableException("no file in the job workspace matches '" + glob + "'; check the"
                    + " pattern ('*' does not cross folders, '**' does)");
        }
        return new DataSet(format, files, csv);
    }

    private Path insideWorkspace(Path file) {
        Path resolved = directory.resolve(file).normalize();
        if (!Files.isRegularFile(resolved)) {
            throw new DataUnreadableException("data file '" + file + "' does not exist in the job workspace");
        }
        Path real;
        try {
            real = resolved.toRealPath();
        } catch (IOException unreadable) {
            throw new DataUnreadableException("data file '" + file + "' cannot be opened: "
                    + unreadable.getClass().getSimpleName());
        }
        if (!real.startsWith(directory)) {
            throw new DataUnreadableException("data file '" + file + "' lies outside the job workspace " + directory
                    + "; only files inside the workspace can be read");
        }
        if (real.toString().chars().anyMatch(c -> GLOB_CHARACTERS.indexOf(c) >= 0)) {
            throw new DataUnreadableException("data file '" + file + "' has one of " + GLOB_CHARACTERS
                    + " in its path, which DuckDB reads as a file pattern; rename it");
        }
        return real;
    }

    /**
     * The columns of {@code dataSet} with their types, in order, as a scan would read them.
     *
     * @throws DataUnreadableException when the files cannot be read in the data set's format
     */
    public List<Column> describe(DataSet dataSet) {
        ResolvedDataSet data = resolve(dataSet);
        try {
            return columnsOf(data.relation());
        } catch (SQLException e) {
            throw UnreadableData.from(e, data);
        }
    }

    /**
     * How many rows {@code dataSet} holds, read in full.
     *
     * @throws DataUnreadableException when the files cannot be read in the data set's format
     */
    public long countRows(DataSet dataSet) {
        ResolvedDataSet data = resolve(dataSet);
        try {
            return countRows(data);
        } catch (SQLException e) {
            throw UnreadableData.from(e, data);
        }
    }

    private long countRows(ResolvedDataSet data) throws SQLException {
        try (Statement statement = connection.createStatement();
                ResultSet count = statement.executeQuery("SELECT count(*) FROM " + data.relation())) {
            count.next();
            return count.getLong(1);
        }
    }

    /**
     * The columns of {@code dataSet}, as {@link #describe} gives them, and how many rows it holds. CSV and JSON-lines
     * files of at most {@link #ONE_READ_BYTES} in all are read once for both: detecting a small text file's dialect
     * and types costs as much as reading it, and describing and counting would pay for that twice. That read holds
     * the rows until they are counted, so bigger files are described first and then counted in a second read; a
     * Parquet file's columns and count come from its footer.
     *
     * @throws DataUnreadableException when the files cannot be read in the data set's format
     */
    public DataShape shape(DataSet dataSet) {
        ResolvedDataSet data = resolve(dataSet);
        try {
            if (dataSet.format() == DataSet.Format.PARQUET || size(data.files()) > ONE_READ_BYTES) {
                return new DataShape(columnsOf(data.relation()), countRows(data));
            }
            try (Statement statement = connection.createStatement();
                    ResultSet first = statement.executeQuery("SELECT *, count(*) OVER () FROM " + data.relation()
                            + " LIMIT 1")) {
                ResultSetMetaData result = first.getMetaData();
                int counted = result.getColumnCount();
                List<Column> columns = new ArrayList<>(counted - 1);
                for (int i = 1; i < counted; i++) {
                    columns.add(new Column(result.getColumnName(i), result.getColumnTypeName(i)));
                }
                return new DataShape(columns, first.next() ? first.getLong(counted) : 0);
            }
        } catch (SQLException e) {
            throw UnreadableData.from(e, data);
        }
    }

    private static long size(List<Path> files) {
        long total = 0;
        for (Path file : files) {
            try {
                total += Files.size(file);
            } catch (IOException e) {
                throw new DataUnreadableException("data file '" + file.getFileName() + "' cannot be opened: "
                        + e.getClass().getSimpleName());
            }
        }
        return total;
    }

    /**
     * The column names and first {@code limit} rows of {@code dataSet} in file order, each value as DuckDB renders it
     * as text (null for SQL NULL), for showing to a person; one read, which also finds the columns.
     *
     * @throws DataUnreadableException when the files cannot be read in the data set's format
     */
    public FirstRows firstRows(DataSet dataSet, int limit) {
        ResolvedDataSet data = resolve(dataSet);
        List<List<String>> rows = new ArrayList<>();
        try (Statement statement = connection.createStatement();
                ResultSet result = statement.executeQuery("SELECT * FROM " + data.relation() + " LIMIT " + limit)) {
            ResultSetMetaData metaData = result.getMetaData();
            List<String> columns = new ArrayList<>(metaData.getColumnCount());
            for (int i = 1; i <= metaData.getColumnCount(); i++) {
                columns.add(metaData.getColumnName(i));
            }
            while (result.next()) {
                List<String> row = new ArrayList<>(columns.size());
                for (int i = 1; i <= columns.size(); i++) {
                    row.add(result.getString(i));
                }
                rows.add(row);
            }
            return new FirstRows(columns, rows);
        } catch (SQLException e) {
            throw UnreadableData.from(e, data);
        }
    }

    /** The relation's columns, in order. */
    List<Column> columnsOf(String relation) throws SQLException {
        List<Column> columns = new ArrayList<>();
        try (Statement statement = connection.createStatement();
                ResultSet described = statement.executeQuery("DESCRIBE SELECT * FROM " + relation)) {
            while (described.next()) {
                columns.add(new Column(described.getString("column_name"), described.getString("column_type")));
            }
        }
        return columns;
    }

    /** Closes DuckDB; its spill files are removed with it. */
    @Override
    public void close() {
        try {
            connection.close();
        } catch (SQLException e) {
            throw new IllegalStateException("cannot close embedded DuckDB for workspace " + directory, e);
        }
    }
}
