package dev.outpost.control.catalog;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.CollectionTable;
import jakarta.persistence.Column;
import jakarta.persistence.ElementCollection;
import jakarta.persistence.Embeddable;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.OrderColumn;
import jakarta.persistence.Table;

/**
 * One object or table of a data source as its last metadata import found it: names, types, counts and sizes only. An
 * item keeps its id across re-imports (it is known by data source, container and name).
 */
@Entity
@Table(name = "catalog_item")
public class CatalogItem extends PanacheEntityBase {

    /** A column's name and the engine's type name. */
    @Embeddable
    public static class CatalogColumn {

        public String name;

        public String type;

        public CatalogColumn() {
        }

        CatalogColumn(String name, String type) {
            this.name = name;
            this.type = type;
        }
    }

    @Id
    public UUID id;

    @Column(name = "organisation_id")
    public UUID organisationId;

    @Column(name = "data_source_id")
    public UUID dataSourceId;

    /** {@code file}, or PostgreSQL's kind: {@code table}, {@code view}, … */
    public String kind;

    /** Files: the bucket. Tables: the schema. */
    public String container;

    /** Files: the full key. Tables: the table's name. */
    public String name;

    @ElementCollection
    @CollectionTable(name = "catalog_item_column", joinColumns = @JoinColumn(name = "item_id"))
    @OrderColumn(name = "position")
    public List<CatalogColumn> columns = new ArrayList<>();

    @Column(name = "row_count")
    public long rowCount;

    /** {@code exact}, {@code estimated} or {@code unknown}. */
    @Column(name = "row_count_kind")
    public String rowCountKind;

    @Column(name = "size_bytes")
    public long sizeBytes;

    /** Why columns or rows could not be read; null when they were. */
    public String error;

    /** When the import that last wrote the item finished. */
    @Column(name = "imported_at")
    public Instant importedAt;

    /** The metadata-import job that last wrote the item. */
    @Column(name = "job_id")
    public UUID jobId;
}
