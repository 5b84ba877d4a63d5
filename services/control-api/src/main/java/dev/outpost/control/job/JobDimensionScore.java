package dev.outpost.control.job;

import java.io.Serializable;
import java.util.UUID;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.IdClass;
import jakarta.persistence.Table;

/** The DQ score of one dimension of a finished job. */
@Entity
@Table(name = "job_dimension_score")
@IdClass(JobDimensionScore.Key.class)
public class JobDimensionScore extends PanacheEntityBase {

    /** The composite key: a job and a dimension. */
    public record Key(UUID jobId, String dimension) implements Serializable {
        public Key() {
            this(null, null);
        }
    }

    @Id
    @Column(name = "job_id")
    public UUID jobId;

    @Id
    public String dimension;

    public double score;
}
