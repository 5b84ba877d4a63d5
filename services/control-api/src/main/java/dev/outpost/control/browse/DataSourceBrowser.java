package dev.outpost.control.browse;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import dev.outpost.control.auth.Caller;
import dev.outpost.control.auth.Role;
import dev.outpost.control.datasource.DataSource;
import dev.outpost.control.datasource.DataSourceService;
import dev.outpost.control.error.InvalidInputException;
import dev.outpost.control.link.InteractiveCalls;
import dev.outpost.proto.interactive.v1.BrowseReply;
import dev.outpost.proto.interactive.v1.BrowseRequest;
import dev.outpost.proto.interactive.v1.InteractiveRequest;
import dev.outpost.proto.interactive.v1.PreviewReply;
import dev.outpost.proto.interactive.v1.PreviewRequest;
import dev.outpost.proto.interactive.v1.S3Location;
import dev.outpost.proto.interactive.v1.TestConnectionReply;
import dev.outpost.proto.interactive.v1.TestConnectionRequest;
import dev.outpost.proto.job.v1.DataLocation;
import dev.outpost.proto.job.v1.DatabaseTable;

/**
 * Test connection, browse and preview of a data source, asked of its edge's metadata-browser while the person waits
 * ({@link InteractiveCalls}). Each call is scoped to the caller's organisation and stays inside the data source
 * ({@link SourceScopes}). A preview's rows are a transient view: this class hands them to the caller and keeps
 * nothing.
 */
@ApplicationScoped
public class DataSourceBrowser {

    static final int MAX_ENTRIES = 1000;
    static final int MAX_ROWS = 1000;
    static final int DEFAULT_LIMIT = 100;

    private final InteractiveCalls interactive;

    DataSourceBrowser(InteractiveCalls interactive) {
        this.interactive = interactive;
    }

    /**
     * Checks that the edge can reach and read the data source; for a table source, that the tables of {@code schema}
     * (absent: the data source's schema) are readable. A failure is an {@code EdgeRejectedException} with the edge's
     * code. Editors only: the check makes the edge log in to the customer's source.
     */
    public TestConnectionReply testConnection(Caller caller, String dataSourceId, String schema) {
        DataSource source = load(caller, Role.EDITOR, "test data source connections", dataSourceId);
        TestConnectionRequest.Builder request = TestConnectionRequest.newBuilder();
        if (source.isTable()) {
            DatabaseTable table = source.jobSource().getTable();
            request.setSource(postgres(table)).setSchema(SourceScopes.orElse(schema, table.getSchema()));
        } else {
            SourceScopes.refuse(source, "schema", schema);
            DataLocation files = source.jobSource().getFiles();
            request.setSource(s3(files.getBucket(), files.getPrefix()));
        }
        return interactive.call(caller, source.edgeId, InteractiveRequest.newBuilder().setTestConnection(request))
                .getTestConnection();
    }

    /**
     * One level of the data source: for files the sub-prefixes and objects under {@code prefix} (absent: the data
     * source's prefix); for a table source the database's schemas, or the tables of {@code schema}.
     */
    public BrowseReply browse(Caller caller, String dataSourceId, String prefix, String schema, int limit) {
        DataSource source = load(caller, Role.VIEWER, "browse data sources", dataSourceId);
        BrowseRequest.Builder request = BrowseRequest.newBuilder().setLimit(limit(limit, MAX_ENTRIES));
        if (source.isTable()) {
            SourceScopes.refuse(source, "prefix", prefix);
            request.setSource(postgres(source.jobSource().getTable())).setSchema(schema == null ? "" : schema);
        } else {
            SourceScopes.refuse(source, "schema", schema);
            DataLocation files = source.jobSource().getFiles();
            request.setSource(s3(files.getBucket(), SourceScopes.underPrefix(source, files, "prefix", prefix)));
        }
        return interactive.call(caller, source.edgeId, InteractiveRequest.newBuilder().setBrowse(request))
                .getBrowse();
    }

    /**
     * The first rows of one object ({@code key}; absent when the data source's prefix is one object's key) or one
     * table ({@code schema} and {@code table}; absent: the data source's own).
     */
    public PreviewReply preview(Caller caller, String dataSourceId, String key, String schema, String table,
            int limit) {
        DataSource source = load(caller, Role.VIEWER, "preview data sources", dataSourceId);
        PreviewRequest.Builder request = PreviewRequest.newBuilder().setLimit(limit(limit, MAX_ROWS));
        if (source.isTable()) {
            SourceScopes.refuse(source, "key", key);
            DatabaseTable own = source.jobSource().getTable();
            if (table == null || table.isEmpty()) {
                if (schema != null && !schema.isEmpty() && !schema.equals(own.getSchema())) {
                    throw new InvalidInputException("table is missing: name the table of schema '" + schema
                            + "' to preview (browse the schema to list its tables)");
                }
                request.setSchema(own.getSchema()).setTable(own.getTable());
            } else {
                request.setSchema(SourceScopes.orElse(schema, own.getSchema())).setTable(table);
            }
            request.setSource(postgres(own));
        } else {
            SourceScopes.refuse(source, "schema", schema);
            SourceScopes.refuse(source, "table", table);
            DataLocation files = source.jobSource().getFiles();
            String object = SourceScopes.underPrefix(source, files, "key", key);
            if (object.isEmpty() || object.endsWith("/")) {
                throw new InvalidInputException("key is missing: data source '" + source.name + "' holds the objects"
                        + " under '" + files.getPrefix() + "'; give the full key of one of them (browse lists them)");
            }
            request.setSource(s3(files.getBucket(), object));
        }
        return interactive.call(caller, source.edgeId, InteractiveRequest.newBuilder().setPreview(request))
                .getPreview();
    }

    @Transactional
    DataSource load(Caller caller, Role role, String action, String dataSourceId) {
        return DataSourceService.require(caller.require(role, action), dataSourceId);
    }

    private static int limit(int limit, int max) {
        if (limit == 0) {
            return DEFAULT_LIMIT;
        }
        if (limit < 1 || limit > max) {
            throw new InvalidInputException("limit " + limit + " is out of range: use 1 to " + max);
        }
        return limit;
    }

    private static dev.outpost.proto.interactive.v1.DataSource s3(String bucket, String prefix) {
        return dev.outpost.proto.interactive.v1.DataSource.newBuilder()
                .setS3(S3Location.newBuilder().setBucket(bucket).setPrefix(prefix)).build();
    }

    private static dev.outpost.proto.interactive.v1.DataSource postgres(DatabaseTable table) {
        return dev.outpost.proto.interactive.v1.DataSource.newBuilder().setPostgres(table.getDatabase()).build();
    }
}
