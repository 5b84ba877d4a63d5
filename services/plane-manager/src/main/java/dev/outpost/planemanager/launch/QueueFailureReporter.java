package dev.outpost.planemanager.launch;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;

import dev.outpost.proto.job.v1.JobEvent;
import dev.outpost.proto.job.v1.JobFailure;
import dev.outpost.proto.job.v1.JobProgress;
import dev.outpost.proto.job.v1.JobRequest;
import dev.outpost.sqs.OutpostQueue;
import dev.outpost.sqs.QueueClient;
import dev.outpost.sqs.Received;

/**
 * Turns runner failures into job events on {@code job-events}, which plane-manager forwards like any runner's event.
 * See {@code docs/decisions/0003-kubernetes-launcher.md}.
 *
 * <ul>
 * <li><b>The runner never started</b> (its image does not pull, no node fits it, a quota blocks it): the cause is
 * the same for whichever job it would have taken, and its job is still waiting on the queue where nobody would ever
 * report it. The job at the head of the queue is failed with the reason ({@code JobFailure}) and its message
 * deleted, after the event is on {@code job-events}. One failed runner fails one waiting job, so every job that
 * could not run says why, and no launch loop spins on a broken template.</li>
 * <li><b>The runner started and then died</b> (out of memory, deadline): its job message comes back after the
 * visibility timeout and the queue retries it (then the dead-letter queue, where
 * {@link dev.outpost.planemanager.deadletter.DeadLetterWatcher} fails it). The job learns why this attempt
 * failed through a non-terminal {@code JobProgress} event (phase {@code retry}), when the runner's
 * {@code JobStarted} passed through this replica ({@link RunnerJobs}); otherwise the reason is logged only.</li>
 * </ul>
 */
@ApplicationScoped
public class QueueFailureReporter implements RunnerFailureReporter {

    private static final Logger LOG = Logger.getLogger(QueueFailureReporter.class);

    /** Time to write the event and delete the message before the job becomes visible again. */
    private static final Duration CLAIM = Duration.ofSeconds(60);

    private final QueueClient queues;
    private final RunnerJobs runnerJobs;

    QueueFailureReporter(QueueClient queues, RunnerJobs runnerJobs) {
        this.queues = queues;
        this.runnerJobs = runnerJobs;
    }

    @Override
    public void runnerFailed(String runnerName, RunnerFailure failure) {
        try {
            if (failure.jobTaken()) {
                reportAttempt(runnerName, failure);
            } else {
                failWaitingJob(runnerName, failure);
            }
        } catch (RuntimeException e) {
            LOG.errorf(e, "Could not report the failure of job-runner %s (%s: %s)", runnerName, failure.code(),
                    failure.reason());
        }
    }

    private void failWaitingJob(String runnerName, RunnerFailure failure) {
        List<Received<JobRequest>> head = queues.receive(OutpostQueue.JOBS, JobRequest.getDefaultInstance(), 1,
                Duration.ZERO, CLAIM);
        if (head.isEmpty()) {
            LOG.errorf("Job-runner %s failed before taking a job and no job is waiting: %s", runnerName,
                    failure.reason());
            return;
        }
        Received<JobRequest> job = head.get(0);
        String jobId = job.body().getSpec().getJobId();
        queues.send(OutpostQueue.JOB_EVENTS, event(jobId)
                .setFailed(JobFailure.newBuilder().setCode(failure.code()).setReason(failure.reason())).build());
        queues.delete(job);
        LOG.errorf("Job %s failed: its job-runner %s could not start: %s", jobId, runnerName, failure.reason());
    }

    private void reportAttempt(String runnerName, RunnerFailure failure) {
        Optional<String> jobId = runnerJobs.jobOf(runnerName);
        if (jobId.isEmpty()) {
            LOG.errorf("Job-runner %s failed after taking a job this replica cannot name; the queue retries the "
                    + "job: %s", runnerName, failure.reason());
            return;
        }
        queues.send(OutpostQueue.JOB_EVENTS, event(jobId.get()).setProgress(JobProgress.newBuilder()
                .setPhase("retry")
                .setMessage("This attempt failed (" + failure.code() + "): " + failure.reason()
                        + " The job returns to the queue and is retried.")).build());
        LOG.errorf("Job %s: its job-runner %s failed; the queue retries the job: %s", jobId.get(), runnerName,
                failure.reason());
    }

    private static JobEvent.Builder event(String jobId) {
        return JobEvent.newBuilder()
                .setEventId(UUID.randomUUID().toString())
                .setJobId(jobId)
                .setOccurredAtMillis(System.currentTimeMillis());
    }
}
