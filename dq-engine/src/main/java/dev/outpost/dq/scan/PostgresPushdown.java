package dev.outpost.dq.scan;

import dev.outpost.dq.secrets.SecretReference;
import dev.outpost.dq.sql.PostgresDialect;
import dev.outpost.dq.sql.SqlDialect;
import java.net.SocketTimeoutException;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Properties;

/**
 * A read-only session on a PostgreSQL database, to which a rule set's scan is pushed down: the database runs the one
 * aggregate query and the capped sample queries where the data is, and only their results come back. It also reads
 * the database's catalog for metadata imports ({@link #relations(String)}, {@link #relation(Table)}).
 *
 * <p>The password is resolved on the edge from a {@link SecretReference}; the control side only ever holds the
 * reference. The session is read-only, its time zone is UTC (timestamps without a zone count as UTC, as on DuckDB) and
 * {@code standard_conforming_strings} is on (the dialect's literals rely on it). Error messages carry SQLSTATEs and
 * names, never the database's own message, which can quote values. One session serves one job at a time.
 */
public final class PostgresPushdown implements AutoCloseable {

    /**
     * A table or view.
     *
     * @param schema its schema, e.g. {@code public}
     * @param name its name, exact (case included)
     */
    public record Table(String schema, String name) {

        public Table {
            Objects.requireNonNull(schema, "schema");
            Objects.requireNonNull(name, "name");
        }

        String sql(SqlDialect dialect) {
            return dialect.quoteIdentifier(schema) + "." + dialect.quoteIdentifier(name);
        }

        @Override
        public String toString() {
            return schema + "." + name;
        }
    }

    /**
     * How long a session waits for the database; {@link Duration#ZERO} leaves a bound to the driver and the server
     * (which wait forever).
     *
     * @param connect the longest the connection may take, login included: a server that accepts the connection but
     *                never answers fails after this long
     * @param statement the longest one statement may run (PostgreSQL's {@code statement_timeout}); the driver also
     *                  gives up on a server that stops answering {@value #SOCKET_MARGIN_SECONDS} s later
     */
    public record Timeouts(Duration connect, Duration statement) {

        /** No bound of the session's own. */
        public static final Timeouts NONE = new Timeouts(Duration.ZERO, Duration.ZERO);

        public Timeouts {
            if (connect.isNegative() || statement.isNegative()) {
                throw new IllegalArgumentException("a PostgreSQL timeout cannot be negative (connect " + connect
                        + ", statement " + statement + ")");
            }
        }

        /** The driver counts in whole seconds; a bound under a second is one second, not none. */
        private static String seconds(Duration bound) {
            return Long.toString(bound.toSeconds() + (bound.toNanosPart() > 0 ? 1 : 0));
        }

        /** As configuration writes it, e.g. {@code 10s} or {@code 30m}. */
        private static String written(Duration bound) {
            return bound.toString().substring(2).toLowerCase(Locale.ROOT);
        }
    }

    /**
     * The database did not answer within one of the session's {@link Timeouts}: it is unreachable, overloaded, or
     * the query is too slow for the bound.
     */
    public static final class TimedOutException extends DataUnreadableException {

        /** Which bound ran out. */
        public enum Bound { CONNECT, STATEMENT }

        private final Bound bound;

        TimedOutException(Bound bound, String message) {
            super(message);
            this.bound = bound;
        }

        public Bound bound() {
            return bound;
        }
    }

    /** Past the statement timeout, the server's cancellation has this long to arrive before the driver gives up. */
    private static final int SOCKET_MARGIN_SECONDS = 1;

    private final Connection connection;
    private final String url;
    private final String user;
    private final PostgresDialect dialect = new PostgresDialect();

    private PostgresPushdown(Connection connection, String url, String user) {
        this.connection = connection;
        this.url = url;
        this.user = user;
    }

    /**
     * Connects as {@code user} with the password {@code password} refers to.
     *
     * @param jdbcUrl {@code jdbc:postgresql://host:port/database}, without credentials
     * @throws IllegalArgumentException when the URL is not a PostgreSQL URL or carries a password
     * @throws dev.outpost.dq.DataQualityException when the password cannot be resolved or the database refuses the connection
     */
    public static PostgresPushdown connect(String jdbcUrl, String user, SecretReference password) {
        return connect(jdbcUrl, user, password, Timeouts.NONE);
    }

    /**
     * Connects as {@code user} with the password {@code password} refers to, waiting for the database no longer than
     * {@code timeouts} allow.
     *
     * @param jdbcUrl {@code jdbc:postgresql://host:port/database}, without credentials
     * @throws IllegalArgumentException when the URL is not a PostgreSQL URL or carries a password
     * @throws TimedOutException when the database does not answer within the connect timeout
     * @throws dev.outpost.dq.DataQualityException when the password cannot be resolved or the database refuses the connection
     */
    public static PostgresPushdown connect(String jdbcUrl, String user, SecretReference password, Timeouts timeouts) {
        if (!jdbcUrl.startsWith("jdbc:postgresql://")) {
            throw new IllegalArgumentException("'" + jdbcUrl + "' is not a PostgreSQL JDBC URL; write"
                    + " jdbc:postgresql://host:port/database");
        }
        if (jdbcUrl.toLowerCase(Locale.ROOT).contains("password=")) {
            throw new IllegalArgumentException("the JDBC URL carries a password; remove it and give a secret"
                    + " reference (env:NAME or file:/path) instead, so the password stays on the edge");
        }
        Properties properties = new Properties();
        properties.setProperty("user", user);
        properties.setProperty("password", password.resolve());
        properties.setProperty("ApplicationName", "outpost-dq");
        properties.setProperty("connectTimeout", Timeouts.seconds(timeouts.connect()));
        properties.setProperty("loginTimeout", Timeouts.seconds(timeouts.connect()));
        properties.setProperty("socketTimeout", timeouts.statement().isZero() ? "0"
                : Timeouts.seconds(timeouts.statement().plusSeconds(SOCKET_MARGIN_SECONDS)));
        long started = System.nanoTime();
        try {
            Connection connection = DriverManager.getConnection(jdbcUrl, properties);
            try {
                connection.setAutoCommit(false);
                connection.setReadOnly(true);
                try (Statement statement = connection.createStatement()) {
                    statement.execute("SET TimeZone = 'UTC'");
                    statement.execute("SET standard_conforming_strings = on");
                    if (!timeouts.statement().isZero()) {
                        statement.execute("SET statement_timeout = " + timeouts.statement().toMillis());
                    }
                }
                connection.commit();
            } catch (SQLException e) {
                connection.close();
                throw e;
            }
            return new PostgresPushdown(connection, jdbcUrl, user);
        } catch (SQLException e) {
            // pgjdbc reports its login timeout as a plain connection failure (08001): only the time taken tells.
            Duration taken = Duration.ofNanos(System.nanoTime() - started);
            if (timedOut(e) || !timeouts.connect().isZero() && taken.compareTo(timeouts.connect()) >= 0) {
                throw new TimedOutException(TimedOutException.Bound.CONNECT, jdbcUrl + " did not answer as"
                        + " PostgreSQL within the connect timeout of " + Timeouts.written(timeouts.connect()) + " (user '" + user
                        + "'): the host or port may not be a PostgreSQL server, or a firewall or an overloaded"
                        + " server holds the connection.");
            }
            throw new DataUnreadableException("cannot connect to " + jdbcUrl + " as user '" + user + "': "
                    + meaning(e) + " (SQLSTATE " + e.getSQLState() + "). Check the host, the database, the user and"
                    + " the secret " + password + ".");
        }
    }

    /**
     * The columns of {@code table} with PostgreSQL's type names ({@code int8}, {@code text}, {@code float8},
     * {@code timestamptz}, …), in order.
     *
     * @throws DataUnreadableException when the table does not exist or cannot be read
     */
    public List<Column> describe(Table table) {
        return relationOf(table).columns();
    }

    /**
     * The tables and views of {@code schema}, ordered by name, with their kind, PostgreSQL's row estimate and their
     * columns, read from the catalog (no row is read).
     *
     * @throws DataUnreadableException when the schema does not exist, the user may not use it, or the catalog cannot
     *                                 be read
     */
    public List<PostgresCatalog.Relation> relations(String schema) {
        return readCatalog(schema, "schema '" + schema + "'",
                catalog -> catalog.relations(schema, Integer.MAX_VALUE).items());
    }

    /**
     * The catalog's entry for {@code table}: its kind, PostgreSQL's row estimate and its columns (no row is read).
     *
     * @throws DataUnreadableException when the schema or table does not exist, the user may not use the schema, or
     *                                 the catalog cannot be read
     */
    public PostgresCatalog.Relation relation(Table table) {
        return readCatalog(table.schema(), "table " + table, catalog -> catalog.relation(table.schema(), table.name()))
                .orElseThrow(() -> new DataUnreadableException("There is no table or view " + table + " on " + url
                        + ": names are exact, case included."));
    }

    private interface CatalogRead<T> {
        T from(PostgresCatalog catalog) throws SQLException;
    }

    private <T> T readCatalog(String schema, String what, CatalogRead<T> read) {
        try {
            PostgresCatalog catalog = PostgresCatalog.of(connection);
            PostgresCatalog.SchemaAccess access = catalog.schemaAccess(schema);
            if (access == PostgresCatalog.SchemaAccess.ABSENT) {
                throw new DataUnreadableException("There is no schema '" + schema + "' on " + url
                        + ": names are exact, case included.");
            }
            if (access == PostgresCatalog.SchemaAccess.DENIED) {
                throw new DataUnreadableException("User '" + user + "' may not use schema '" + schema + "' on " + url
                        + ": GRANT USAGE ON SCHEMA " + dialect.quoteIdentifier(schema) + " TO "
                        + dialect.quoteIdentifier(user) + ".");
            }
            return read.from(catalog);
        } catch (SQLException e) {
            throw failure("The catalog of " + what + " on " + url, e);
        } finally {
            endScan();
        }
    }

    ScanTarget target(Table table, Map<String, Table> references) {
        ScanTarget.Relation data = relationOf(table);
        Map<String, ScanTarget.Relation> referenceRelations = new LinkedHashMap<>();
        references.forEach((name, reference) -> referenceRelations.put(name, relationOf(reference)));
        return new ScanTarget(connection, dialect, data, referenceRelations, error -> unreadableTable(table, error),
                table + " on " + url);
    }

    /** Ends the read-only transaction a scan ran in, releasing its snapshot. */
    void endScan() {
        try {
            connection.rollback();
        } catch (SQLException e) {
            throw new IllegalStateException("cannot end the read-only transaction on " + url, e);
        }
    }

    private ScanTarget.Relation relationOf(Table table) {
        String sql = table.sql(dialect);
        List<Column> columns = new ArrayList<>();
        try (Statement statement = connection.createStatement();
                ResultSet empty = statement.executeQuery("SELECT * FROM " + sql + " LIMIT 0")) {
            ResultSetMetaData metadata = empty.getMetaData();
            for (int i = 1; i <= metadata.getColumnCount(); i++) {
                columns.add(new Column(metadata.getColumnLabel(i), metadata.getColumnTypeName(i)));
            }
        } catch (SQLException e) {
            endScan();
            throw unreadableTable(table, e);
        }
        return new ScanTarget.Relation(sql, columns);
    }

    private DataUnreadableException unreadableTable(Table table, SQLException error) {
        return failure("The PostgreSQL table " + table + " on " + url, error);
    }

    private static DataUnreadableException failure(String what, SQLException error) {
        if (timedOut(error)) {
            return new TimedOutException(TimedOutException.Bound.STATEMENT, what + " was not read within the"
                    + " statement timeout: " + meaning(error) + " (SQLSTATE " + error.getSQLState() + ").");
        }
        return new DataUnreadableException(what + " cannot be read: " + meaning(error) + " (SQLSTATE "
                + error.getSQLState() + ").");
    }

    /** The server cancelled the statement at its statement_timeout, or the driver gave up waiting for an answer. */
    private static boolean timedOut(SQLException error) {
        if ("57014".equals(error.getSQLState())) {
            return true;
        }
        for (Throwable cause = error; cause != null; cause = cause.getCause()) {
            if (cause instanceof SocketTimeoutException) {
                return true;
            }
        }
        return false;
    }

    /** What an SQLSTATE means, in words that hold no data (the server's own message can quote values). */
    private static String meaning(SQLException error) {
        String state = error.getSQLState() == null ? "" : error.getSQLState();
        return switch (state) {
            case "42P01" -> "the table does not exist (names are exact, case included)";
            case "3F000" -> "the schema does not exist";
            case "42501" -> "the user may not read it; grant SELECT";
            case "28P01", "28000" -> "the database refused the user or password";
            case "3D000" -> "the database does not exist";
            case "57014" -> "the query was cancelled (statement timeout)";
            default -> state.startsWith("08") ? "the connection failed or was lost"
                    : state.startsWith("22") ? "a value could not be converted (data exception)"
                    : state.startsWith("53") ? "the server ran out of resources" : "the database reported an error";
        };
    }

    @Override
    public void close() {
        try {
            connection.close();
        } catch (SQLException e) {
            throw new IllegalStateException("cannot close the session on " + url, e);
        }
    }
}
