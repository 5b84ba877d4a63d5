package dev.outpost.control.job;

import java.util.UUID;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.IdClass;
import jakarta.persistence.Table;

/**
 * The value-free counts of one column of a profile job; the value-bearing profile (min, max, top values, …) stays
 * encrypted in the customer's results bucket.
 */
@Entity
@Table(name = "job_column_profile")
@IdClass(JobRowKey.class)
public class JobColumnProfile extends PanacheEntityBase {

    @Id
    @Column(name = "job_id")
    public UUID jobId;

    @Id
    public int position;

    public String name;

    /** The engine's type name. */
    public String type;

    public long nulls;

    /** Distinct non-null values: approximate on files, exact on PostgreSQL. */
    @Column(name = "distinct_count")
    public long distinct;
}
