package dev.outpost.control.job;

import java.io.Serializable;
import java.util.UUID;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.IdClass;
import jakarta.persistence.Table;

/** A data source a job's {@code reference} checks read, under the name its rule set gives it. */
@Entity
@Table(name = "job_reference")
@IdClass(JobReference.Key.class)
public class JobReference extends PanacheEntityBase {

    /** The composite key: a job and the name. */
    public record Key(UUID jobId, String name) implements Serializable {
        public Key() {
            this(null, null);
        }
    }

    @Id
    @Column(name = "job_id")
    public UUID jobId;

    /** The {@code source} name the rule set's reference checks use. */
    @Id
    public String name;

    /** The data source it was resolved to when the job was submitted. */
    @Column(name = "data_source_id")
    public UUID dataSourceId;
}
