package dev.outpost.control.catalog;

import java.time.Instant;
import java.util.List;

import com.fasterxml.jackson.annotation.JsonInclude;

import dev.outpost.control.datasource.DataSourceFiles.ColumnView;

/**
 * A catalog item as the REST API shows it: metadata only.
 *
 * @param id           its id (stable across re-imports)
 * @param dataSourceId the data source it belongs to
 * @param kind         {@code file}, or PostgreSQL's kind: {@code table}, {@code view}, {@code materialized view}, …
 * @param container    files: the bucket; tables: the schema
 * @param name         files: the full key; tables: the table's name
 * @param columns      the columns with the engine's type names, in order
 * @param rowCount     its rows; see rowCountKind
 * @param rowCountKind {@code exact}, {@code estimated} or {@code unknown}
 * @param sizeBytes    files: the size in bytes; tables: 0
 * @param error        why columns or rows could not be read (absent when they were)
 * @param importedAt   when the import that last wrote it finished
 * @param jobId        the metadata-import job that last wrote it
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record CatalogItemView(String id, String dataSourceId, String kind, String container, String name,
        List<ColumnView> columns, long rowCount, String rowCountKind, long sizeBytes, String error,
        Instant importedAt, String jobId) {

    /**
     * One page of catalog items.
     *
     * @param items    the page's items, ordered by container and name
     * @param page     the zero-based page number
     * @param pageSize items per page
     * @param total    how many items match in all
     */
    public record Page(List<CatalogItemView> items, int page, int pageSize, long total) {
    }
}
