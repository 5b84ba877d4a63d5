package dev.outpost.dq.scan;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * What a PostgreSQL database holds, read from its system catalog ({@code pg_namespace}, {@code pg_class},
 * {@code pg_attribute}) without reading a single row of data: schemas with their table counts, and the tables and
 * views of a schema with their kind, PostgreSQL's row estimate and their columns. Names, types and counts only.
 *
 * <p>It reads over a connection its caller owns, so the caller keeps its own timeouts and decides what a failure means
 * to its users: database errors come back as the driver's {@link SQLException}s. Jobs read the catalog through
 * {@link PostgresPushdown#relations(String)}, which turns them into {@link DataUnreadableException}s.
 */
public final class PostgresCatalog {

    /** Relation kinds a person can browse and read: tables, views, materialized views, foreign and partitioned. */
    private static final String READABLE_KINDS = "('r','v','m','f','p')";

    private static final String RELATIONS = "SELECT c.relname, c.relkind, c.reltuples::bigint, a.attname, "
            + "format_type(a.atttypid, a.atttypmod) FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace "
            + "LEFT JOIN pg_attribute a ON a.attrelid = c.oid AND a.attnum > 0 AND NOT a.attisdropped "
            + "WHERE n.nspname = ? AND c.relkind IN " + READABLE_KINDS;

    /** A relation's kind, from {@code pg_class.relkind}. */
    public enum RelationKind {
        TABLE('r', "table"),
        VIEW('v', "view"),
        MATERIALIZED_VIEW('m', "materialized view"),
        FOREIGN_TABLE('f', "foreign table"),
        PARTITIONED_TABLE('p', "partitioned table");

        private final char relkind;
        private final String label;

        RelationKind(char relkind, String label) {
            this.relkind = relkind;
            this.label = label;
        }

        /** How people and the API name it: {@code table}, {@code view}, {@code materialized view}, … */
        public String label() {
            return label;
        }

        /** Whether PostgreSQL keeps a row estimate for it: a view or foreign table has no rows of its own to count. */
        boolean estimatesRows() {
            return this != VIEW && this != FOREIGN_TABLE;
        }

        static RelationKind of(String relkind) {
            for (RelationKind kind : values()) {
                if (relkind.length() == 1 && kind.relkind == relkind.charAt(0)) {
                    return kind;
                }
            }
            throw new IllegalArgumentException("relkind '" + relkind + "' is not one of " + READABLE_KINDS);
        }
    }

    /**
     * A schema.
     *
     * @param name its name, exact (case included)
     * @param relationCount how many tables and views (of every {@link RelationKind}) it holds
     */
    public record SchemaSummary(String name, int relationCount) {
    }

    /**
     * A table or view with its columns.
     *
     * @param schema its schema
     * @param name its name, exact (case included)
     * @param kind what it is
     * @param rowEstimate PostgreSQL's estimate of its rows ({@code pg_class.reltuples}); {@code -1} when unknown: the
     *                    table was never analysed (PostgreSQL 14+ keeps -1 then), or it is a view or foreign table
     * @param columns its columns in order, with PostgreSQL's type names ({@code bigint}, {@code text},
     *                {@code numeric(10,2)}, …)
     */
    public record Relation(String schema, String name, RelationKind kind, long rowEstimate, List<Column> columns) {

        public Relation {
            Objects.requireNonNull(schema, "schema");
            Objects.requireNonNull(name, "name");
            Objects.requireNonNull(kind, "kind");
            columns = List.copyOf(columns);
        }

        /** Whether {@link #rowEstimate()} holds an estimate. */
        public boolean hasRowEstimate() {
            return rowEstimate >= 0;
        }
    }

    /**
     * Up to a limit of items, ordered by name.
     *
     * @param items the items
     * @param truncated whether more items were left out at the limit
     */
    public record Listing<T>(List<T> items, boolean truncated) {

        public Listing {
            items = List.copyOf(items);
        }
    }

    /** Whether a schema exists, and whether the session's user may use it. */
    public enum SchemaAccess {
        /** There is no schema of that name (names are exact, case included). */
        ABSENT,
        /** It exists, but the user lacks {@code USAGE} on it. */
        DENIED,
        /** It exists and the user may use it. */
        USABLE
    }

    /**
     * Which relations of a schema the session's user may read.
     *
     * @param relations how many tables and views the schema holds
     * @param unreadable the names of those the user lacks {@code SELECT} on, ordered by name
     */
    public record Readability(int relations, List<String> unreadable) {

        public Readability {
            unreadable = List.copyOf(unreadable);
        }
    }

    private final Connection connection;

    private PostgresCatalog(Connection connection) {
        this.connection = connection;
    }

    /** Reads the catalog of the database {@code connection} is connected to. */
    public static PostgresCatalog of(Connection connection) {
        return new PostgresCatalog(Objects.requireNonNull(connection, "connection"));
    }

    /** The schemas, up to {@code limit}, without PostgreSQL's own ({@code pg_*}, {@code information_schema}). */
    public Listing<SchemaSummary> schemas(int limit) throws SQLException {
        List<SchemaSummary> schemas = new ArrayList<>();
        try (PreparedStatement query = connection.prepareStatement("SELECT n.nspname, count(c.oid) FROM pg_namespace n "
                + "LEFT JOIN pg_class c ON c.relnamespace = n.oid AND c.relkind IN " + READABLE_KINDS + " WHERE "
                + "n.nspname NOT LIKE 'pg\\_%' AND n.nspname <> 'information_schema' GROUP BY n.nspname "
                + "ORDER BY n.nspname LIMIT ?")) {
            query.setLong(1, limit + 1L);
            try (ResultSet result = query.executeQuery()) {
                while (result.next()) {
                    if (schemas.size() == limit) {
                        return new Listing<>(schemas, true);
                    }
                    schemas.add(new SchemaSummary(result.getString(1), result.getInt(2)));
                }
            }
        }
        return new Listing<>(schemas, false);
    }

    /** Whether {@code schema} exists and the session's user may use it. */
    public SchemaAccess schemaAccess(String schema) throws SQLException {
        try (PreparedStatement query = connection.prepareStatement(
                "SELECT has_schema_privilege(oid, 'USAGE') FROM pg_namespace WHERE nspname = ?")) {
            query.setString(1, schema);
            try (ResultSet result = query.executeQuery()) {
                if (!result.next()) {
                    return SchemaAccess.ABSENT;
                }
                return result.getBoolean(1) ? SchemaAccess.USABLE : SchemaAccess.DENIED;
            }
        }
    }

    /**
     * The tables and views of {@code schema} with their columns, up to {@code limit}; none when there is no such
     * schema (ask {@link #schemaAccess(String)} to tell an empty schema from a missing one).
     */
    public Listing<Relation> relations(String schema, int limit) throws SQLException {
        try (PreparedStatement query = connection.prepareStatement(RELATIONS + " ORDER BY c.relname, a.attnum")) {
            query.setString(1, schema);
            return read(schema, query, limit);
        }
    }

    /** The table or view {@code name} of {@code schema} with its columns, if there is one. */
    public Optional<Relation> relation(String schema, String name) throws SQLException {
        try (PreparedStatement query = connection.prepareStatement(RELATIONS + " AND c.relname = ? ORDER BY a.attnum")) {
            query.setString(1, schema);
            query.setString(2, name);
            return read(schema, query, 1).items().stream().findFirst();
        }
    }

    /** How many tables and views {@code schema} holds, and which of them the session's user may not read. */
    public Readability readability(String schema) throws SQLException {
        List<String> unreadable = new ArrayList<>();
        int relations = 0;
        try (PreparedStatement query = connection.prepareStatement("SELECT c.relname, has_table_privilege(c.oid, "
                + "'SELECT') FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace WHERE n.nspname = ? "
                + "AND c.relkind IN " + READABLE_KINDS + " ORDER BY c.relname")) {
            query.setString(1, schema);
            try (ResultSet result = query.executeQuery()) {
                while (result.next()) {
                    relations++;
                    if (!result.getBoolean(2)) {
                        unreadable.add(result.getString(1));
                    }
                }
            }
        }
        return new Readability(relations, unreadable);
    }

    /** Folds the rows of {@link #RELATIONS} (one per column, ordered by relation) into relations. */
    private static Listing<Relation> read(String schema, PreparedStatement query, int limit) throws SQLException {
        List<Relation> relations = new ArrayList<>();
        try (ResultSet result = query.executeQuery()) {
            String name = null;
            RelationKind kind = null;
            long rowEstimate = -1;
            List<Column> columns = new ArrayList<>();
            while (result.next()) {
                String relation = result.getString(1);
                if (!relation.equals(name)) {
                    if (name != null) {
                        relations.add(new Relation(schema, name, kind, rowEstimate, columns));
                        columns = new ArrayList<>();
                    }
                    if (relations.size() == limit) {
                        return new Listing<>(relations, true);
                    }
                    name = relation;
                    kind = RelationKind.of(result.getString(2));
                    // A view's reltuples is 0 and a foreign table's is PostgreSQL's guess: neither counts its rows.
                    rowEstimate = kind.estimatesRows() ? Math.max(-1, result.getLong(3)) : -1;
                }
                if (result.getString(4) != null) {
                    columns.add(new Column(result.getString(4), result.getString(5)));
                }
            }
            if (name != null) {
                relations.add(new Relation(schema, name, kind, rowEstimate, columns));
            }
        }
        return new Listing<>(relations, false);
    }
}
