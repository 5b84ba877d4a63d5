package dev.outpost.control.job;

import java.util.UUID;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.IdClass;
import jakarta.persistence.Table;

/** The aggregate outcome of one check of a finished job. */
@Entity
@Table(name = "job_check_result")
@IdClass(JobRowKey.class)
public class JobCheckResult extends PanacheEntityBase {

    @Id
    @Column(name = "job_id")
    public UUID jobId;

    @Id
    public int position;

    public String name;

    public String type;

    public String dimension;

    @Column(name = "rows_checked")
    public long rowsChecked;

    @Column(name = "rows_failed")
    public long rowsFailed;

    public boolean passed;

    public double score;

    @Column(name = "samples_stored")
    public long samplesStored;

    /** {@code fail} or {@code warn}. */
    public String severity;

    public boolean warned;

    public String detail;

    /** For a {@code group_by} check: how many groups; 0 otherwise. */
    public long groups;

    /** For a {@code group_by} check: how many groups did not pass. */
    @Column(name = "groups_failed")
    public long groupsFailed;
}
