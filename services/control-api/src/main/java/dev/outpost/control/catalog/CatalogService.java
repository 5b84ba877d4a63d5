package dev.outpost.control.catalog;

import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.LockModeType;
import jakarta.transaction.Transactional;

import dev.outpost.control.Ids;
import dev.outpost.control.auth.Caller;
import dev.outpost.control.auth.Role;
import dev.outpost.control.browse.SourceScopes;
import dev.outpost.control.datasource.DataSource;
import dev.outpost.control.datasource.DataSourceFiles.ColumnView;
import dev.outpost.control.datasource.DataSourceService;
import dev.outpost.control.error.InvalidInputException;
import dev.outpost.control.error.NotFoundException;
import dev.outpost.control.job.Job;
import dev.outpost.control.job.JobKinds;
import dev.outpost.control.job.JobService;
import dev.outpost.control.job.JobView;
import dev.outpost.proto.job.v1.DataLocation;
import dev.outpost.proto.job.v1.DatabaseTable;
import dev.outpost.proto.job.v1.JobKind;
import dev.outpost.proto.job.v1.JobSource;
import io.quarkus.hibernate.orm.panache.PanacheQuery;
import io.quarkus.panache.common.Sort;

/**
 * The catalog: metadata imports of data-source scopes and the items they found. An import is a job of kind
 * {@code metadata_import} run on the data source's edge; {@link CatalogImporter} files its result. Every call is
 * scoped to the caller's organisation; another organisation's item or data source is "not found", and so is an item
 * of a deleted data source.
 */
@ApplicationScoped
public class CatalogService {

    static final int MAX_PAGE_SIZE = 500;
    static final int DEFAULT_PAGE_SIZE = 100;

    /** A scope and the source its job reads. */
    private record Planned(CatalogScope scope, JobSource source) {
    }

    private final JobService jobs;

    CatalogService(JobService jobs) {
        this.jobs = jobs;
    }

    /**
     * Submits a metadata-import job for a scope of a data source: files under {@code prefix} or the one object
     * {@code key} (both inside the data source's prefix; neither: the data source's own location), or the tables of
     * {@code schema} or the one {@code table} (neither: the data source's own table).
     */
    @Transactional
    public JobView startImport(Caller caller, String dataSourceId, String prefix, String key, String schema,
            String table) {
        UUID organisation = caller.require(Role.EDITOR, "import catalog metadata");
        DataSource source = DataSourceService.require(organisation, dataSourceId, LockModeType.PESSIMISTIC_READ);
        return submit(caller, source, plan(source, prefix, key, schema, table));
    }

    /** Submits a metadata-import job for the object or table of one item. */
    @Transactional
    public JobView reimport(Caller caller, String itemId) {
        UUID organisation = caller.require(Role.EDITOR, "re-import catalog items");
        CatalogItem item = require(organisation, itemId);
        DataSource source = DataSourceService.require(organisation, item.dataSourceId.toString(),
                LockModeType.PESSIMISTIC_READ);
        if (source.isTable()) {
            return submit(caller, source, plan(source, null, null, item.container, item.name));
        }
        String bucket = source.jobSource().getFiles().getBucket();
        if (!bucket.equals(item.container)) {
            throw new InvalidInputException("catalog item '" + item.name + "' is in bucket '" + item.container
                    + "', but data source '" + source.name + "' now reads bucket '" + bucket + "': delete the item, "
                    + "or import the data source again");
        }
        return submit(caller, source, plan(source, null, item.name, null, null));
    }

    /**
     * A page of the organisation's items, optionally of one data source and only those whose name contains
     * {@code nameContains} (ignoring case).
     */
    @Transactional
    public CatalogItemView.Page list(Caller caller, String dataSourceId, String nameContains, int page,
            int pageSize) {
        UUID organisation = caller.organisation("read the catalog");
        if (page < 0) {
            throw new InvalidInputException("page " + page + " is negative: pages count from 0");
        }
        int size = pageSize == 0 ? DEFAULT_PAGE_SIZE : pageSize;
        if (size < 1 || size > MAX_PAGE_SIZE) {
            throw new InvalidInputException("pageSize " + pageSize + " is out of range: use 1 to " + MAX_PAGE_SIZE);
        }
        StringBuilder query = new StringBuilder("organisationId = :organisation and dataSourceId in "
                + "(select d.id from DataSource d where d.deletedAt is null)");
        Map<String, Object> parameters = new HashMap<>();
        parameters.put("organisation", organisation);
        if (dataSourceId != null && !dataSourceId.isEmpty()) {
            query.append(" and dataSourceId = :dataSource");
            parameters.put("dataSource", DataSourceService.require(organisation, dataSourceId).id);
        }
        if (nameContains != null && !nameContains.isEmpty()) {
            query.append(" and lower(name) like :pattern escape '!'");
            parameters.put("pattern", "%" + nameContains.toLowerCase(Locale.ROOT)
                    .replace("!", "!!").replace("%", "!%").replace("_", "!_") + "%");
        }
        PanacheQuery<CatalogItem> items = CatalogItem.find(query.toString(),
                Sort.by("container").and("name").and("id"), parameters);
        return new CatalogItemView.Page(items.page(page, size).list().stream().map(CatalogService::view).toList(),
                page, size, items.count());
    }

    @Transactional
    public CatalogItemView get(Caller caller, String itemId) {
        return view(require(caller.organisation("read the catalog"), itemId));
    }

    /** Deletes one item; a later import of its scope brings it back if the object or table still exists. */
    @Transactional
    public void delete(Caller caller, String itemId) {
        require(caller.require(Role.EDITOR, "delete catalog items"), itemId).delete();
    }

    private JobView submit(Caller caller, DataSource source, Planned planned) {
        Job job = new Job();
        job.id = UUID.randomUUID();
        job.organisationId = source.organisationId;
        job.kind = JobKinds.name(JobKind.JOB_KIND_METADATA_IMPORT);
        job.dataSourceId = source.id;
        job.edgeId = source.edgeId;
        jobs.queue(job, JobService.spec(job.id, JobKind.JOB_KIND_METADATA_IMPORT, planned.source()).build());
        CatalogImport scope = new CatalogImport();
        scope.jobId = job.id;
        scope.dataSourceId = source.id;
        scope.container = planned.scope().container();
        scope.namePrefix = planned.scope().namePrefix();
        scope.name = planned.scope().name();
        scope.persist();
        return jobs.get(caller, job.id.toString());
    }

    private static Planned plan(DataSource source, String prefix, String key, String schema, String table) {
        JobSource own = source.jobSource();
        if (source.isTable()) {
            SourceScopes.refuse(source, "prefix", prefix);
            SourceScopes.refuse(source, "key", key);
            DatabaseTable ownTable = own.getTable();
            boolean noSchema = schema == null || schema.isEmpty();
            boolean noTable = table == null || table.isEmpty();
            String importedSchema = noSchema ? ownTable.getSchema() : schema;
            // Neither given: the data source's own table; a schema alone: all of its tables.
            String importedTable = noTable ? (noSchema ? ownTable.getTable() : null) : table;
            return new Planned(new CatalogScope(importedSchema, null, importedTable),
                    JobSource.newBuilder().setTable(ownTable.toBuilder().setSchema(importedSchema)
                            .setTable(importedTable == null ? "" : importedTable)).build());
        }
        SourceScopes.refuse(source, "schema", schema);
        SourceScopes.refuse(source, "table", table);
        DataLocation files = own.getFiles();
        if (key != null && !key.isEmpty()) {
            if (prefix != null && !prefix.isEmpty()) {
                throw new InvalidInputException("prefix and key are both given: import either every object under a "
                        + "prefix or one object by its key");
            }
            String object = SourceScopes.underPrefix(source, files, "key", key);
            return new Planned(new CatalogScope(files.getBucket(), null, object),
                    JobSource.newBuilder().setFiles(files.toBuilder().setPrefix(object).clearGlob()).build());
        }
        String imported = SourceScopes.underPrefix(source, files, "prefix", prefix);
        // The data source's glob is written relative to its prefix: it narrows an import of that prefix only.
        DataLocation location = imported.equals(files.getPrefix()) ? files
                : files.toBuilder().setPrefix(imported).clearGlob().build();
        return new Planned(new CatalogScope(files.getBucket(), imported, null),
                JobSource.newBuilder().setFiles(location).build());
    }

    /** The item with this id in {@code organisation}, or NOT_FOUND (also when its data source was deleted). */
    private static CatalogItem require(UUID organisation, String id) {
        CatalogItem item = CatalogItem.findById(Ids.parse("Catalog item", id));
        if (item == null || !item.organisationId.equals(organisation)
                || DataSource.count("id = ?1 and deletedAt is null", item.dataSourceId) == 0) {
            throw new NotFoundException("Catalog item", id);
        }
        return item;
    }

    static CatalogItemView view(CatalogItem item) {
        return new CatalogItemView(item.id.toString(), item.dataSourceId.toString(), item.kind, item.container,
                item.name, item.columns.stream().map(c -> new ColumnView(c.name, c.type)).toList(),
                item.rowCount, item.rowCountKind, item.sizeBytes, item.error, item.importedAt,
                item.jobId.toString());
    }
}
