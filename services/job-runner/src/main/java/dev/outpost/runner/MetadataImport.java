package dev.outpost.runner;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import dev.outpost.dq.DataQualityException;
import dev.outpost.dq.scan.Column;
import dev.outpost.dq.scan.DataSet;
import dev.outpost.dq.scan.PostgresCatalog;
import dev.outpost.proto.job.v1.CatalogEntry;
import dev.outpost.proto.job.v1.ColumnInfo;
import dev.outpost.proto.job.v1.JobResult;
import dev.outpost.proto.job.v1.JobSpec;
import dev.outpost.proto.job.v1.RowCountKind;

/**
 * JOB_KIND_METADATA_IMPORT: the schema and row count of each object under the location, or of the table (every table
 * and view of the schema when no table is named), for the control side's catalog. Names, types and counts only.
 *
 * <p>Each object is read on its own, as little as its format allows: of a Parquet object only the footer is fetched
 * (its columns and row counts are there), a CSV or JSON-lines object is fetched, its rows counted by reading it
 * through, and deleted before the next is fetched: the workspace holds one such object at a time, however many there
 * are. An object that cannot be read gets an entry saying why,
 * and the import goes on. Tables are read from PostgreSQL's catalog only: their row counts are its estimates.
 */
@ApplicationScoped
class MetadataImport {

    private final JobEvents events;
    private final DataDownloader downloader;

    MetadataImport(JobEvents events, DataDownloader downloader) {
        this.events = events;
        this.downloader = downloader;
    }

    /** Imports the opened source's metadata. */
    KindWork prepare(JobSpec spec) {
        return source -> {
            events.progress(spec.getJobId(), "import", JobExecution.READ_END, "reading the metadata of "
                    + source.describe());
            List<CatalogEntry> entries = switch (source) {
                case OpenedSource.Files files -> files.downloads().stream().map(file -> fileEntry(files, file))
                        .toList();
                case OpenedSource.Table table -> tableEntries(table);
            };
            events.progress(spec.getJobId(), "import", 1.0, "read the metadata of " + entries.size()
                    + (entries.size() == 1 ? " object or table" : " objects or tables") + ", "
                    + entries.stream().filter(entry -> !entry.getError().isEmpty()).count() + " unreadable");
            return JobResult.newBuilder().addAllCatalog(entries);
        };
    }

    private CatalogEntry fileEntry(OpenedSource.Files files, DataDownloader.Download file) {
        // Only the Parquet footers are in the workspace already (SourceOpener lists the other objects to fetch here).
        boolean fetchedHere = !Files.exists(file.file());
        if (fetchedHere) {
            downloader.fetch(file);
        }
        try {
            return readEntry(files, file);
        } finally {
            if (fetchedHere) {
                try {
                    Files.delete(file.file());
                } catch (IOException e) {
                    throw new UncheckedIOException("cannot delete " + file.file() + " from the job workspace", e);
                }
            }
        }
    }

    private static CatalogEntry readEntry(OpenedSource.Files files, DataDownloader.Download file) {
        CatalogEntry.Builder entry = CatalogEntry.newBuilder()
                .setKind("file")
                .setContainer(file.bucket())
                .setName(file.key())
                .setSizeBytes(file.size());
        DataSet single = files.single(file);
        try {
            List<Column> columns = files.duckDb().describe(single);
            long rows = files.duckDb().countRows(single);
            return entry.addAllColumns(columns.stream().map(MetadataImport::wire).toList())
                    .setRowCount(rows)
                    .setRowCountKind(RowCountKind.ROW_COUNT_EXACT)
                    .build();
        } catch (DataQualityException e) {
            return entry.setRowCountKind(RowCountKind.ROW_COUNT_UNKNOWN).setError(files.named(e.getMessage())).build();
        }
    }

    private static List<CatalogEntry> tableEntries(OpenedSource.Table table) {
        List<PostgresCatalog.Relation> relations;
        try {
            relations = table.table().name().isEmpty() ? table.database().relations(table.table().schema())
                    : List.of(table.database().relation(table.table()));
        } catch (DataQualityException e) {
            throw table.failure(e);
        }
        return relations.stream().map(relation -> CatalogEntry.newBuilder()
                .setKind(relation.kind().label())
                .setContainer(relation.schema())
                .setName(relation.name())
                .addAllColumns(relation.columns().stream().map(MetadataImport::wire).toList())
                .setRowCount(relation.hasRowEstimate() ? relation.rowEstimate() : 0)
                .setRowCountKind(relation.hasRowEstimate() ? RowCountKind.ROW_COUNT_ESTIMATED
                        : RowCountKind.ROW_COUNT_UNKNOWN)
                .build()).toList();
    }

    private static ColumnInfo wire(Column column) {
        return ColumnInfo.newBuilder().setName(column.name()).setType(column.type()).build();
    }
}
