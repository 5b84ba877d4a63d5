package dev.outpost.control.job;

import java.time.Instant;
import java.util.UUID;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/** A job and its aggregate outcome. */
@Entity
@Table(name = "job")
public class Job extends PanacheEntityBase {

    @Id
    public UUID id;

    /** The organisation that owns the job (and its data source and rule set). */
    @Column(name = "organisation_id")
    public UUID organisationId;

    @Column(name = "data_source_id")
    public UUID dataSourceId;

    /** What the job does: {@code check}, {@code profile} or {@code metadata_import} (see {@link JobKinds}). */
    public String kind;

    /** The rule set a check job applies; null for other kinds. */
    @Column(name = "rule_set_id")
    public UUID ruleSetId;

    /** The version of the rule set the job ran with; null without a rule set. */
    @Column(name = "rule_set_version")
    public Integer ruleSetVersion;

    /** The rule set's YAML as the job ran it: a later replacement of the rule set does not rewrite history. */
    @Column(name = "rule_set_yaml")
    public String ruleSetYaml;

    @Column(name = "edge_id")
    public UUID edgeId;

    /** A {@code JobState} name without its prefix: QUEUED, RUNNING, SUCCEEDED, FAILED. */
    public String state;

    @Column(name = "sample_limit")
    public int sampleLimit;

    public double progress;

    @Column(name = "progress_message")
    public String progressMessage;

    @Column(name = "failure_code")
    public String failureCode;

    @Column(name = "failure_reason")
    public String failureReason;

    @Column(name = "rows_scanned")
    public Long rowsScanned;

    public Double score;

    @Column(name = "duration_millis")
    public Long durationMillis;

    @Column(name = "checks_failed")
    public Integer checksFailed;

    @Column(name = "checks_warned")
    public Integer checksWarned;

    @Column(name = "submitted_at")
    public Instant submittedAt;

    @Column(name = "started_at")
    public Instant startedAt;

    @Column(name = "finished_at")
    public Instant finishedAt;

    public boolean finished() {
        return "SUCCEEDED".equals(state) || "FAILED".equals(state);
    }
}
