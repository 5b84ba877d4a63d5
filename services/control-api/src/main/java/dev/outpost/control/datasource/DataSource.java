package dev.outpost.control.datasource;

import java.time.Instant;
import java.util.UUID;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/** A location in the customer's storage, pinned to the edge that can read it. */
@Entity
@Table(name = "data_source")
public class DataSource extends PanacheEntityBase {

    @Id
    public UUID id;

    /** The organisation that owns the data source (and its edge). */
    @Column(name = "organisation_id")
    public UUID organisationId;

    public String name;

    @Column(name = "edge_id")
    public UUID edgeId;

    public String bucket;

    public String prefix;

    /** {@code csv} or {@code parquet}. */
    public String format;

    @Column(name = "created_at")
    public Instant createdAt;

    /** When it was last changed; null before the first change. */
    @Column(name = "updated_at")
    public Instant updatedAt;

    /** When it was deleted: the row stays for the jobs that ran on it, but no API call finds it any more. */
    @Column(name = "deleted_at")
    public Instant deletedAt;
}
