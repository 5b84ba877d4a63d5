package dev.outpost.runner;

import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;

import dev.outpost.proto.job.v1.JobEvent;
import dev.outpost.proto.job.v1.JobFailure;
import dev.outpost.proto.job.v1.JobProgress;
import dev.outpost.proto.job.v1.JobResult;
import dev.outpost.proto.job.v1.JobStarted;
import dev.outpost.sqs.OutpostQueue;
import dev.outpost.sqs.QueueClient;

/** Puts a job's events on the {@code job-events} queue. Every event gets a fresh id, its idempotency key. */
@ApplicationScoped
class JobEvents {

    private static final Logger LOG = Logger.getLogger(JobEvents.class);

    private final QueueClient queues;

    JobEvents(QueueClient queues) {
        this.queues = queues;
    }

    /** Best effort: a lost start only delays the RUNNING state until the next event. */
    void started(String jobId, String runner) {
        sendQuietly(event(jobId).setStarted(JobStarted.newBuilder().setRunner(runner)));
    }

    /**
     * Best effort: a lost progress event is superseded by the next one.
     *
     * @param fraction within the whole job, 0.0 … 1.0
     * @param message counts and names only, never data values
     */
    void progress(String jobId, String phase, double fraction, String message) {
        sendQuietly(event(jobId).setProgress(JobProgress.newBuilder()
                .setPhase(phase).setFraction(fraction).setMessage(message)));
    }

    /** Sends the final aggregates; throws when they cannot be sent, so the job message stays on its queue. */
    void succeeded(String jobId, JobResult result) {
        queues.send(OutpostQueue.JOB_EVENTS, event(jobId).setSucceeded(result).build());
    }

    /** Sends the failure; throws when it cannot be sent, so the job message stays on its queue. */
    void failed(String jobId, JobFailedException failure) {
        queues.send(OutpostQueue.JOB_EVENTS, event(jobId).setFailed(JobFailure.newBuilder()
                .setCode(failure.code()).setReason(failure.getMessage())).build());
    }

    private void sendQuietly(JobEvent.Builder event) {
        try {
            queues.send(OutpostQueue.JOB_EVENTS, event.build());
        } catch (RuntimeException e) {
            LOG.warnf("Could not send the %s event of job %s: %s", event.getKindCase(), event.getJobId(),
                    e.getMessage());
        }
    }

    private static JobEvent.Builder event(String jobId) {
        return JobEvent.newBuilder()
                .setEventId(UUID.randomUUID().toString())
                .setJobId(jobId)
                .setOccurredAtMillis(System.currentTimeMillis());
    }
}
