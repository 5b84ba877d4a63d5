package dev.outpost.control.datasource;

import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.regex.Pattern;

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
import dev.outpost.proto.job.v1.DataLocation;
import io.quarkus.panache.common.Sort;

/**
 * Registers data sources. control-api never reads them: it only tells the edge where to look. Every call is scoped to
 * the caller's organisation; another organisation's data source is "not found".
 */
@ApplicationScoped
public class DataSourceService {

    /** S3's bucket naming rules, simplified to what matters for a clear early error. */
    private static final Pattern BUCKET = Pattern.compile("[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]");

    @Transactional
    public DataSourceView create(Caller caller, String name, String edgeId, String bucket, String prefix,
            String format) {
        UUID organisation = caller.require(Role.EDITOR, "register data sources");
        Names.requireValid("data source name", name);
        UUID edge = EdgeService.require(organisation, edgeId).id;
        requireBucket(bucket);
        String normalizedFormat = DataFormats.name(DataFormats.parse(format));
        requireNameFree(organisation, name);
        DataSource source = new DataSource();
        source.id = UUID.randomUUID();
        source.organisationId = organisation;
        source.name = name;
        source.edgeId = edge;
        source.bucket = bucket;
        source.prefix = prefix == null ? "" : prefix;
        source.format = normalizedFormat;
        source.createdAt = Instant.now();
        source.persist();
        return view(source);
    }

    /**
     * Changes what is given (non-null) of name, bucket, prefix and format. The edge cannot change: which buckets an
     * edge can read depends on its install, and the jobs of a data source all ran on one edge; a data source for
     * another edge is a new data source. Jobs already submitted keep the location their command carries. A change
     * that changes nothing leaves {@code updatedAt} as it is.
     */
    @Transactional
    public DataSourceView update(Caller caller, String id, String name, String edgeId, String bucket, String prefix,
            String format) {
        DataSource source = require(caller.require(Role.EDITOR, "change data sources"), id);
        if (edgeId != null && !edgeId.equals(source.edgeId.toString())) {
            throw new InvalidInputException("edgeId cannot change: data source '" + source.name + "' is read by edge "
                    + source.edgeId + ". To read the data through edge " + edgeId
                    + ", register a new data source on it (and delete this one if no longer needed)");
        }
        DataSourceView before = view(source);
        if (name != null && !name.equals(source.name)) {
            Names.requireValid("data source name", name);
            requireNameFree(source.organisationId, name);
            source.name = name;
        }
        if (bucket != null) {
            requireBucket(bucket);
            source.bucket = bucket;
        }
        if (prefix != null) {
            source.prefix = prefix;
        }
        if (format != null) {
            source.format = DataFormats.name(DataFormats.parse(format));
        }
        if (!view(source).equals(before)) {
            source.updatedAt = Instant.now();
        }
        return view(source);
    }

    /** Deletes a data source whose jobs have all finished; the jobs stay readable and keep referring to it. */
    @Transactional
    public void delete(Caller caller, String id) {
        DataSource source = require(caller.require(Role.EDITOR, "delete data sources"), id,
                LockModeType.PESSIMISTIC_WRITE);
        JobService.requireNoneUnfinished("dataSourceId", source.id, "Data source '" + source.name + "'");
        source.deletedAt = Instant.now();
    }

    @Transactional
    public List<DataSourceView> list(Caller caller) {
        return DataSource.<DataSource>list("organisationId = ?1 and deletedAt is null", Sort.by("createdAt"),
                caller.organisation("list data sources")).stream().map(DataSourceService::view).toList();
    }

    @Transactional
    public DataSourceView get(Caller caller, String id) {
        return view(require(caller.organisation("read data sources"), id));
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

    private static void requireBucket(String bucket) {
        if (bucket == null || !BUCKET.matcher(bucket).matches()) {
            throw new InvalidInputException("bucket '" + (bucket == null ? "" : bucket) + "' is not a valid S3 bucket "
                    + "name: 3-63 characters of a-z, 0-9, '.' and '-'");
        }
    }

    private static void requireNameFree(UUID organisation, String name) {
        if (DataSource.count("organisationId = ?1 and name = ?2 and deletedAt is null", organisation, name) > 0) {
            throw new ConflictException("A data source named '" + name + "' already exists; choose another name");
        }
    }

    /** Where the edge finds the data. */
    public static DataLocation location(DataSource source) {
        return DataLocation.newBuilder()
                .setBucket(source.bucket)
                .setPrefix(source.prefix)
                .setFormat(DataFormats.parse(source.format))
                .build();
    }

    static DataSourceView view(DataSource source) {
        return new DataSourceView(source.id.toString(), source.name, source.edgeId.toString(), source.bucket,
                source.prefix, source.format, source.createdAt, source.updatedAt);
    }
}
