package dev.outpost.control.datasource;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.LockModeType;
import jakarta.transaction.Transactional;

import dev.outpost.control.Ids;
import dev.outpost.control.Names;
import dev.outpost.control.auth.Caller;
import dev.outpost.control.auth.Role;
import dev.outpost.control.edge.EdgeService;
import dev.outpost.control.error.ConflictException;
import dev.outpost.control.error.InvalidInputException;
import dev.outpost.control.error.NotFoundException;
import dev.outpost.control.job.JobService;
import io.quarkus.panache.common.Sort;

/**
 * Registers data sources: files in S3 or PostgreSQL tables. control-api never reads them: it only tells the edge
 * where to look (and, for a table, where the edge finds the password). Every call is scoped to the caller's
 * organisation; another organisation's data source is "not found".
 */
@ApplicationScoped
public class DataSourceService {

    private static final String EITHER = "give either bucket and format (with optional prefix, glob and csv) for"
            + " files in S3, or table {jdbcUrl, user, passwordSecret, schema, table} for a PostgreSQL table";

    @Transactional
    public DataSource create(Caller caller, String name, String edgeId, DataSourceDefinition definition) {
        UUID organisation = caller.require(Role.EDITOR, "register data sources");
        Names.requireValid("data source name", name);
        UUID edge = EdgeService.require(organisation, edgeId).id;
        DataSourceDefinition given = definition == null ? DataSourceDefinition.NONE : definition;
        if (given.givesFiles() == given.givesTable()) {
            throw new InvalidInputException((given.givesTable() ? "A data source is files or a table, not both: "
                    : "A data source needs to say where its data is: ") + EITHER);
        }
        DataSource source = new DataSource();
        if (given.givesTable()) {
            source.kind = DataSource.TABLE;
            setTable(source, SourceChecks.table(given.table()));
        } else {
            source.kind = DataSource.FILES;
            source.bucket = SourceChecks.bucket(given.bucket());
            source.prefix = SourceChecks.prefix(given.prefix() == null ? "" : given.prefix());
            source.format = DataFormats.name(DataFormats.parse(given.format()));
            source.glob = SourceChecks.glob(given.glob());
            setCsv(source, SourceChecks.csv(given.csv(), source.format));
        }
        requireNameFree(organisation, name);
        source.id = UUID.randomUUID();
        source.organisationId = organisation;
        source.name = name;
        source.edgeId = edge;
        source.createdAt = now();
        source.persist();
        return source;
    }

    /**
     * Changes what is given (non-null) of the name and the definition. The edge cannot change: which buckets and
     * databases an edge can reach depends on its install, and the jobs of a data source all ran on one edge; a data
     * source for another edge is a new data source. Files cannot become a table or back, for the same reason. Jobs
     * already submitted keep the source their command carries. A change that changes nothing leaves
     * {@code updatedAt} as it is.
     */
    @Transactional
    public DataSource update(Caller caller, String id, String name, String edgeId, DataSourceDefinition definition) {
        DataSource source = require(caller.require(Role.EDITOR, "change data sources"), id);
        DataSourceDefinition change = definition == null ? DataSourceDefinition.NONE : definition;
        if (edgeId != null && !edgeId.equals(source.edgeId.toString())) {
            throw new InvalidInputException("edgeId cannot change: data source '" + source.name + "' is read by edge "
                    + source.edgeId + ". To read the data through edge " + edgeId
                    + ", register a new data source on it (and delete this one if no longer needed)");
        }
        if (source.isTable() ? change.givesFiles() : change.givesTable()) {
            throw new InvalidInputException("data source '" + source.name + "' is "
                    + (source.isTable() ? "a PostgreSQL table: bucket, prefix, format, glob and csv apply to files"
                            : "files in S3: table applies to PostgreSQL tables")
                    + " only. A data source cannot change between files and a table: register a new data source"
                    + " (and delete this one if no longer needed)");
        }
        DataSourceView before = DataSourceView.of(source);
        if (name != null && !name.equals(source.name)) {
            Names.requireValid("data source name", name);
            requireNameFree(source.organisationId, name);
            source.name = name;
        }
        if (source.isTable()) {
            updateTable(source, change.table());
        } else {
            updateFiles(source, change);
        }
        if (!DataSourceView.of(source).equals(before)) {
            source.updatedAt = now();
        }
        return source;
    }

    private static void updateFiles(DataSource source, DataSourceDefinition change) {
        if (change.bucket() != null) {
            source.bucket = SourceChecks.bucket(change.bucket());
        }
        if (change.prefix() != null) {
            source.prefix = SourceChecks.prefix(change.prefix());
        }
        if (change.format() != null) {
            source.format = DataFormats.name(DataFormats.parse(change.format()));
        }
        if (change.glob() != null) {
            source.glob = SourceChecks.glob(change.glob());
        }
        // CSV options are kept while the format stays CSV; leaving CSV drops them, as no other format has them.
        if (change.csv() != null || !DataFormats.CSV.equals(source.format)) {
            setCsv(source, SourceChecks.csv(change.csv(), source.format));
        }
    }

    private static void updateTable(DataSource source, DataSourceView.DatabaseTableView change) {
        if (change == null) {
            return;
        }
        setTable(source, SourceChecks.table(new DataSourceView.DatabaseTableView(
                given(change.jdbcUrl()) ? change.jdbcUrl() : source.jdbcUrl,
                given(change.user()) ? change.user() : source.user,
                given(change.passwordSecret()) ? change.passwordSecret() : source.passwordSecret,
                given(change.schema()) ? change.schema() : source.schema,
                given(change.table()) ? change.table() : source.table)));
    }

    private static boolean given(String field) {
        return field != null && !field.isEmpty();
    }

    private static void setTable(DataSource source, DataSourceView.DatabaseTableView table) {
        source.jdbcUrl = table.jdbcUrl();
        source.user = table.user();
        source.passwordSecret = table.passwordSecret();
        source.schema = table.schema();
        source.table = table.table();
    }

    private static void setCsv(DataSource source, DataSourceView.CsvSettings csv) {
        source.csvHeader = csv.header();
        source.csvDelimiter = csv.delimiter();
        source.csvQuote = csv.quote();
        source.csvCompression = csv.compression();
    }

    /**
     * Deletes a data source whose jobs have all finished, and that no unfinished job reads as a reference; the jobs
     * stay readable and keep referring to it.
     */
    @Transactional
    public void delete(Caller caller, String id) {
        DataSource source = require(caller.require(Role.EDITOR, "delete data sources"), id,
                LockModeType.PESSIMISTIC_WRITE);
        JobService.requireNoneUnfinished("dataSourceId", source.id, "Data source '" + source.name + "'");
        JobService.requireNoUnfinishedReference(source.id, "Data source '" + source.name + "'");
        source.deletedAt = Instant.now();
    }

    @Transactional
    public List<DataSource> list(Caller caller) {
        return DataSource.list("organisationId = ?1 and deletedAt is null", Sort.by("createdAt"),
                caller.organisation("list data sources"));
    }

    @Transactional
    public DataSource get(Caller caller, String id) {
        return require(caller.organisation("read data sources"), id);
    }

    /**
     * The data source with this id in {@code organisationId}, or NOT_FOUND (also when another owns it or it was
     * deleted).
     */
    public static DataSource require(UUID organisationId, String id) {
        return require(organisationId, id, LockModeType.NONE);
    }

    /**
     * {@link #require(UUID, String)}, holding {@code lock} on the row until the transaction ends: a job submission
     * holds a read lock and a deletion a write lock, so no job can be queued on a data source while it is deleted.
     */
    public static DataSource require(UUID organisationId, String id, LockModeType lock) {
        DataSource source = DataSource.findById(Ids.parse("Data source", id), lock);
        if (source == null || source.deletedAt != null || !source.organisationId.equals(organisationId)) {
            throw new NotFoundException("Data source", id);
        }
        return source;
    }

    /** The organisation's data sources on {@code edgeId}, ordered by name. */
    public static List<DataSource> onEdge(UUID organisationId, UUID edgeId) {
        return DataSource.list("organisationId = ?1 and edgeId = ?2 and deletedAt is null", Sort.by("name"),
                organisationId, edgeId);
    }

    /** The organisation's data source named {@code name}, or null. */
    public static DataSource named(UUID organisationId, String name) {
        return DataSource.<DataSource>find("organisationId = ?1 and name = ?2 and deletedAt is null", organisationId,
                name).firstResult();
    }

    /** Now, at the database's precision, so a change's answer shows the time a later read shows. */
    private static Instant now() {
        return Instant.now().truncatedTo(ChronoUnit.MICROS);
    }

    private static void requireNameFree(UUID organisation, String name) {
        if (DataSource.count("organisationId = ?1 and name = ?2 and deletedAt is null", organisation, name) > 0) {
            throw new ConflictException("A data source named '" + name + "' already exists; choose another name");
        }
    }
}
