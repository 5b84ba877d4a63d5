package dev.outpost.control.catalog;

import java.util.UUID;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/**
 * The scope of one metadata-import job: when the job succeeds, the catalog items of its data source inside this
 * scope are replaced by what the job found.
 */
@Entity
@Table(name = "catalog_import")
public class CatalogImport extends PanacheEntityBase {

    /** The metadata-import job. */
    @Id
    @Column(name = "job_id")
    public UUID jobId;

    @Column(name = "data_source_id")
    public UUID dataSourceId;

    /** The bucket or schema. */
    public String container;

    /** Files: every key starting with it (a prefix import); null otherwise. */
    @Column(name = "name_prefix")
    public String namePrefix;

    /** One key or table; null for a prefix or a whole schema. */
    public String name;

    CatalogScope scope() {
        return new CatalogScope(container, namePrefix, name);
    }
}
