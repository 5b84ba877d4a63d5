package dev.outpost.metadatabrowser;

import java.net.ConnectException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Properties;

import jakarta.enterprise.context.ApplicationScoped;

import dev.outpost.dq.scan.PostgresCatalog;
import dev.outpost.dq.secrets.SecretReference;
import dev.outpost.dq.secrets.SecretUnavailableException;
import dev.outpost.dq.sql.PostgresDialect;
import dev.outpost.edge.InteractiveException;
import dev.outpost.proto.interactive.v1.BrowseReply;
import dev.outpost.proto.interactive.v1.PreviewReply;
import dev.outpost.proto.interactive.v1.SchemaEntry;
import dev.outpost.proto.interactive.v1.TableEntry;
import dev.outpost.proto.interactive.v1.TestConnectionReply;
import dev.outpost.proto.job.v1.ColumnInfo;
import dev.outpost.proto.job.v1.PostgresDatabase;

/**
 * test_connection, browse and preview on PostgreSQL; the catalog is read by dq-engine's {@link PostgresCatalog}, as
 * metadata-import jobs read it. The password is resolved on the edge from the source's secret
 * reference (dq-engine's {@link SecretReference}, as push-down scans do); every session is read-only, and its connect,
 * login, socket and statement timeouts are a second longer than the request's time bound: the request's deadline
 * decides (TIMEOUT), the driver's own timeouts only make sure a timed-out session stops. Failures are told apart by the
 * exception's cause and SQLSTATE, never by the server's message, which can quote values.
 */
@ApplicationScoped
class PostgresSources {

    private static final int DRIVER_TIMEOUT_MARGIN_SECONDS = 1;

    private final BrowserConfig config;
    private final PostgresDialect dialect = new PostgresDialect();

    PostgresSources(BrowserConfig config) {
        this.config = config;
    }

    /** Connects; with a schema, also checks that the user may use it and read every table and view in it. */
    TestConnectionReply testConnection(PostgresDatabase database, String schema) {
        try (Connection connection = connect(database)) {
            TestConnectionReply.Builder reply = TestConnectionReply.newBuilder().addChecks("connected to "
                    + database.getJdbcUrl() + " as user '" + database.getUser() + "'");
            if (schema.isEmpty()) {
                return reply.build();
            }
            requireSchema(connection, database, schema);
            PostgresCatalog.Readability readability = PostgresCatalog.of(connection).readability(schema);
            List<String> unreadable = readability.unreadable();
            int tables = readability.relations();
            if (!unreadable.isEmpty()) {
                throw InteractiveException.withCode("ACCESS_DENIED", "User '" + database.getUser() + "' may not read "
                        + unreadable.size() + " of the " + tables + " tables in schema '" + schema + "': "
                        + String.join(", ", unreadable.subList(0, Math.min(10, unreadable.size())))
                        + (unreadable.size() > 10 ? ", …" : "") + "; GRANT SELECT ON ALL TABLES IN SCHEMA "
                        + dialect.quoteIdentifier(schema) + " TO " + dialect.quoteIdentifier(database.getUser()));
            }
            return reply.addChecks("user '" + database.getUser() + "' may read all " + tables + " tables in schema '"
                    + schema + "'").build();
        } catch (SQLException e) {
            throw failure(e, database);
        }
    }

    /** The schemas (system schemas left out), or the tables of {@code schema} with their columns and row estimates. */
    BrowseReply browse(PostgresDatabase database, String schema, int askedLimit) {
        int limit = Sources.browseLimit(askedLimit);
        try (Connection connection = connect(database)) {
            return schema.isEmpty() ? schemas(connection, limit) : tables(connection, database, schema, limit);
        } catch (SQLException e) {
            throw failure(e, database);
        }
    }

    /** The first {@code rows} rows of a table or view, in the order the database returns them. */
    PreviewReply preview(PostgresDatabase database, String schema, String table, int rows) {
        if (schema.isEmpty() || table.isEmpty()) {
            throw InteractiveException.invalidRequest("preview of a PostgreSQL source needs a schema and a table");
        }
        try (Connection connection = connect(database);
                Statement statement = statement(connection);
                ResultSet result = statement.executeQuery("SELECT * FROM " + dialect.quoteIdentifier(schema) + "."
                        + dialect.quoteIdentifier(table) + " LIMIT " + (rows + 1))) {
            ResultSetMetaData metadata = result.getMetaData();
            List<String> columns = new ArrayList<>();
            for (int i = 1; i <= metadata.getColumnCount(); i++) {
                columns.add(metadata.getColumnLabel(i));
            }
            List<List<String>> values = new ArrayList<>();
            boolean more = false;
            while (result.next()) {
                if (values.size() == rows) {
                    more = true;
                    break;
                }
                List<String> row = new ArrayList<>(columns.size());
                for (int i = 1; i <= columns.size(); i++) {
                    row.add(result.getString(i));
                }
                values.add(row);
            }
            return PreviewReply.newBuilder().setView(Sources.view(columns, values)).setTruncated(more).build();
        } catch (SQLException e) {
            if ("42P01".equals(e.getSQLState())) {
                throw InteractiveException.withCode("TABLE_NOT_FOUND", "There is no table or view '" + table
                        + "' in schema '" + schema + "' of " + database.getJdbcUrl() + ": names are exact, case "
                        + "included; browse the schema to find it");
            }
            if ("3F000".equals(e.getSQLState())) {
                throw schemaNotFound(database, schema);
            }
            throw failure(e, database);
        }
    }

    private static BrowseReply schemas(Connection connection, int limit) throws SQLException {
        PostgresCatalog.Listing<PostgresCatalog.SchemaSummary> schemas = PostgresCatalog.of(connection).schemas(limit);
        BrowseReply.Builder reply = BrowseReply.newBuilder().setTruncated(schemas.truncated());
        schemas.items().forEach(schema -> reply.addSchemas(SchemaEntry.newBuilder().setName(schema.name())
                .setTableCount(schema.relationCount())));
        return reply.build();
    }

    private BrowseReply tables(Connection connection, PostgresDatabase database, String schema, int limit)
            throws SQLException {
        requireSchema(connection, database, schema);
        PostgresCatalog.Listing<PostgresCatalog.Relation> relations = PostgresCatalog.of(connection)
                .relations(schema, limit);
        BrowseReply.Builder reply = BrowseReply.newBuilder().setTruncated(relations.truncated());
        for (PostgresCatalog.Relation relation : relations.items()) {
            TableEntry.Builder table = reply.addTablesBuilder().setName(relation.name())
                    .setKind(relation.kind().label()).setRowEstimate(relation.rowEstimate());
            relation.columns().forEach(column -> table.addColumns(ColumnInfo.newBuilder().setName(column.name())
                    .setType(column.type())));
        }
        return reply.build();
    }

    private void requireSchema(Connection connection, PostgresDatabase database, String schema) throws SQLException {
        PostgresCatalog.SchemaAccess access = PostgresCatalog.of(connection).schemaAccess(schema);
        if (access == PostgresCatalog.SchemaAccess.ABSENT) {
            throw schemaNotFound(database, schema);
        }
        if (access == PostgresCatalog.SchemaAccess.DENIED) {
            throw InteractiveException.withCode("ACCESS_DENIED", "User '" + database.getUser() + "' may not use "
                    + "schema '" + schema + "': GRANT USAGE ON SCHEMA " + dialect.quoteIdentifier(schema) + " TO "
                    + dialect.quoteIdentifier(database.getUser()));
        }
    }

    private static InteractiveException schemaNotFound(PostgresDatabase database, String schema) {
        return InteractiveException.withCode("SCHEMA_NOT_FOUND", "There is no schema '" + schema + "' in "
                + database.getJdbcUrl() + ": names are exact, case included; browse the database to list its schemas");
    }

    private Statement statement(Connection connection) throws SQLException {
        Statement statement = connection.createStatement();
        statement.setQueryTimeout(timeoutSeconds());
        return statement;
    }

    private Connection connect(PostgresDatabase database) throws SQLException {
        String url = database.getJdbcUrl();
        if (!url.startsWith("jdbc:postgresql://")) {
            throw InteractiveException.invalidRequest("'" + url + "' is not a PostgreSQL JDBC URL: write "
                    + "jdbc:postgresql://host:port/database");
        }
        if (url.toLowerCase(Locale.ROOT).contains("password=")) {
            throw InteractiveException.invalidRequest("the JDBC URL carries a password: remove it and give a secret "
                    + "reference (env:NAME or file:/path) in password_secret, so the password stays on the edge");
        }
        if (database.getUser().isEmpty()) {
            throw InteractiveException.invalidRequest("the PostgreSQL source names no user: set source.postgres.user");
        }
        Properties properties = new Properties();
        properties.setProperty("user", database.getUser());
        properties.setProperty("password", password(database));
        properties.setProperty("ApplicationName", "outpost-metadata-browser");
        String seconds = Integer.toString(timeoutSeconds());
        properties.setProperty("connectTimeout", seconds);
        properties.setProperty("loginTimeout", seconds);
        properties.setProperty("socketTimeout", seconds);
        properties.setProperty("options", "-c statement_timeout=" + timeoutSeconds() * 1000L);
        Connection connection = DriverManager.getConnection(url, properties);
        connection.setReadOnly(true);
        return connection;
    }

    private static String password(PostgresDatabase database) {
        SecretReference reference;
        try {
            reference = SecretReference.parse(database.getPasswordSecret());
        } catch (IllegalArgumentException e) {
            throw InteractiveException.invalidRequest("password_secret: " + e.getMessage());
        }
        try {
            return reference.resolve();
        } catch (SecretUnavailableException e) {
            throw InteractiveException.withCode("SECRET_UNAVAILABLE", "The password for " + database.getJdbcUrl()
                    + " cannot be found on the edge: " + e.getMessage());
        }
    }

    /**
     * The driver's timeouts. pgjdbc reports its login timeout as a plain connection failure; were it to fire with the
     * request's deadline, a silent database could be answered UNAVAILABLE instead of TIMEOUT.
     */
    private int timeoutSeconds() {
        return (int) Math.max(1, config.requestTimeout().toSeconds()) + DRIVER_TIMEOUT_MARGIN_SECONDS;
    }

    private static InteractiveException failure(SQLException e, PostgresDatabase database) {
        String where = database.getJdbcUrl() + " (user '" + database.getUser() + "')";
        for (Throwable cause = e; cause != null; cause = cause.getCause()) {
            if (cause instanceof UnknownHostException) {
                return InteractiveException.withCode("UNKNOWN_HOST", "The host of " + database.getJdbcUrl()
                        + " does not resolve from the edge: check the host name in the JDBC URL and the cluster's DNS");
            }
            if (cause instanceof ConnectException) {
                return InteractiveException.withCode("CONNECTION_REFUSED", "Nothing accepts connections at the host "
                        + "and port of " + database.getJdbcUrl() + ": check the port, that PostgreSQL is running and "
                        + "listening on that address, and that the edge's network may reach it");
            }
            if (cause instanceof SocketTimeoutException) {
                return InteractiveException.withCode(RequestDeadline.TIMEOUT, where + " did not answer in time: "
                        + "check that the database is up and reachable from the edge");
            }
        }
        String state = e.getSQLState() == null ? "" : e.getSQLState();
        return switch (state) {
            case "28P01", "28000" -> InteractiveException.withCode("INVALID_CREDENTIALS", "PostgreSQL refused the "
                    + "user or password for " + where + ": check the user and the secret "
                    + database.getPasswordSecret() + " on the edge");
            case "3D000" -> InteractiveException.withCode("DATABASE_NOT_FOUND", "The database named in "
                    + database.getJdbcUrl() + " does not exist: check the JDBC URL's database name");
            case "42501" -> InteractiveException.withCode("ACCESS_DENIED", "User '" + database.getUser() + "' lacks "
                    + "a privilege it needs on " + database.getJdbcUrl() + ": GRANT CONNECT, USAGE and SELECT");
            case "57014" -> InteractiveException.withCode(RequestDeadline.TIMEOUT, "A query on " + where + " was "
                    + "cancelled at the edge's time limit (outpost.browser.request-timeout)");
            default -> InteractiveException.withCode("UNAVAILABLE", "PostgreSQL at " + where + " failed (SQLSTATE "
                    + state + "): check the database's log for this time");
        };
    }
}
