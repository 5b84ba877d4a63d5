package dev.outpost.control.job;

import java.time.Instant;
import java.util.Locale;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.persistence.LockModeType;
import jakarta.transaction.Transactional;

import org.jboss.logging.Logger;

import dev.outpost.control.Ids;
import dev.outpost.proto.job.v1.CheckResult;
import dev.outpost.proto.job.v1.CheckSeverity;
import dev.outpost.proto.job.v1.ColumnCounts;
import dev.outpost.proto.job.v1.Dimension;
import dev.outpost.proto.job.v1.DimensionScore;
import dev.outpost.proto.job.v1.JobEvent;
import dev.outpost.proto.job.v1.JobResult;

/**
 * Applies job events from edges: each event id once, never moving a finished job backwards, and only to jobs of the
 * edge that sent it. Only aggregates are stored.
 */
@ApplicationScoped
public class JobEventHandler {

    private static final Logger LOG = Logger.getLogger(JobEventHandler.class);

    private final Event<JobSucceeded> succeeded;

    JobEventHandler(Event<JobSucceeded> succeeded) {
        this.succeeded = succeeded;
    }

    /**
     * Applies {@code event} sent by {@code edgeId}; a no-op for an id already applied. An event for a job of another
     * edge (or no job) is ignored with a warning naming only ids, and is not recorded as processed, so it cannot
     * claim an event id the owning edge will use.
     */
    @Transactional
    public void apply(UUID edgeId, String eventId, JobEvent event) {
        Job job = findJob(event.getJobId());
        if (job == null || !job.edgeId.equals(edgeId)) {
            LOG.warnf("Edge %s sent event %s (%s) for job %s, which is not one of its jobs; ignored", edgeId,
                    Ids.loggable(eventId), event.getKindCase(), Ids.loggable(event.getJobId()));
            return;
        }
        if (ProcessedEvent.findById(eventId) != null) {
            return;
        }
        ProcessedEvent processed = new ProcessedEvent();
        processed.eventId = eventId;
        processed.edgeId = edgeId;
        processed.processedAt = Instant.now();
        processed.persist();

        if (job.finished()) {
            return;
        }
        Instant at = event.getOccurredAtMillis() == 0 ? Instant.now() : Instant.ofEpochMilli(event.getOccurredAtMillis());
        switch (event.getKindCase()) {
            case STARTED -> start(job, at, "started on " + event.getStarted().getRunner());
            case PROGRESS -> {
                start(job, at, event.getProgress().getMessage());
                job.progress = event.getProgress().getFraction();
            }
            case SUCCEEDED -> {
                succeed(job, at, event.getSucceeded());
                succeeded.fire(new JobSucceeded(job, event.getSucceeded()));
            }
            case FAILED -> {
                job.state = "FAILED";
                job.failureCode = event.getFailed().getCode();
                job.failureReason = event.getFailed().getReason();
                job.progressMessage = "failed";
                job.finishedAt = at;
            }
            case KIND_NOT_SET -> LOG.warnf("Event %s for job %s has no content; ignored", eventId, job.id);
        }
    }

    private static Job findJob(String id) {
        try {
            return Job.findById(UUID.fromString(id), LockModeType.PESSIMISTIC_WRITE);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    private static void start(Job job, Instant at, String message) {
        if ("QUEUED".equals(job.state)) {
            job.state = "RUNNING";
            job.startedAt = at;
        }
        job.progressMessage = message;
    }

    private static void succeed(Job job, Instant at, JobResult result) {
        job.state = "SUCCEEDED";
        job.progress = 1.0;
        job.progressMessage = "done";
        job.rowsScanned = result.getRowsScanned();
        job.score = result.getScore();
        job.durationMillis = result.getDurationMillis();
        job.checksFailed = result.getChecksFailed();
        job.checksWarned = result.getChecksWarned();
        job.finishedAt = at;
        if (job.startedAt == null) {
            job.startedAt = at;
        }
        int position = 0;
        for (CheckResult check : result.getChecksList()) {
            JobCheckResult row = new JobCheckResult();
            row.jobId = job.id;
            row.position = position++;
            row.name = check.getName();
            row.type = check.getType();
            row.dimension = dimensionName(check.getDimension());
            row.rowsChecked = check.getRowsChecked();
            row.rowsFailed = check.getRowsFailed();
            row.passed = check.getPassed();
            row.score = check.getScore();
            row.samplesStored = check.getSamplesStored();
            row.severity = check.getSeverity() == CheckSeverity.CHECK_SEVERITY_WARN ? "warn" : "fail";
            row.warned = check.getWarned();
            row.detail = check.getDetail().isEmpty() ? null : check.getDetail();
            row.groups = check.getGroups();
            row.groupsFailed = check.getGroupsFailed();
            row.persist();
        }
        for (int column = 0; column < result.getProfileCount(); column++) {
            ColumnCounts counts = result.getProfile(column);
            JobColumnProfile row = new JobColumnProfile();
            row.jobId = job.id;
            row.position = column;
            row.name = counts.getColumn().getName();
            row.type = counts.getColumn().getType();
            row.nulls = counts.getNulls();
            row.distinct = counts.getDistinct();
            row.persist();
        }
        for (DimensionScore dimension : result.getDimensionsList()) {
            JobDimensionScore row = new JobDimensionScore();
            row.jobId = job.id;
            row.dimension = dimensionName(dimension.getDimension());
            row.score = dimension.getScore();
            row.persist();
        }
    }

    /** {@code DIMENSION_VALIDITY} → {@code validity}. */
    static String dimensionName(Dimension dimension) {
        return dimension.name().substring("DIMENSION_".length()).toLowerCase(Locale.ROOT);
    }
}
