package dev.outpost.runner;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;

import dev.outpost.proto.job.v1.JobRequest;
import dev.outpost.proto.job.v1.JobResult;
import dev.outpost.proto.job.v1.JobSpec;
import dev.outpost.sqs.OutpostQueue;
import dev.outpost.sqs.QueueClient;
import dev.outpost.sqs.Received;
import dev.outpost.sqs.VisibilityKeeper;

/**
 * One runner's life: take one job from the {@code jobs} queue, keep it invisible while evaluating it, report the
 * outcome on {@code job-events}, and delete the job only once its final event is on that queue. Every outcome
 * (success or a failure with a reason) ends the job; only when even the failure cannot be reported does the job stay
 * on its queue, for SQS to hand it to another runner.
 */
@ApplicationScoped
class JobRun {

    /** Exit code when the job's outcome could not be reported; the job stays on its queue. */
    static final int NOT_REPORTED = 1;

    private static final Logger LOG = Logger.getLogger(JobRun.class);
    private static final Duration LONGEST_POLL = Duration.ofSeconds(20);

    private final QueueClient queues;
    private final JobExecution execution;
    private final JobEvents events;
    private final RunnerConfig config;
    private final Warmup warmup;

    JobRun(QueueClient queues, JobExecution execution, JobEvents events, RunnerConfig config, Warmup warmup) {
        this.queues = queues;
        this.execution = execution;
        this.events = events;
        this.config = config;
        this.warmup = warmup;
    }

    /** Takes and runs one job; returns the process exit code. */
    int takeAndRun() {
        if (config.warmup()) {
            warmup.start();
        }
        Optional<Received<JobRequest>> taken = take();
        if (taken.isEmpty()) {
            LOG.infof("No job waiting after %d s: another runner took the job this one was launched for; exiting",
                    config.receiveWait().toSeconds());
            return 0;
        }
        Received<JobRequest> job = taken.get();
        JobSpec spec = job.body().getSpec();
        LOG.infof("Took job %s (receive %d)", spec.getJobId(), job.receiveCount());
        try (VisibilityKeeper keeper = VisibilityKeeper.keep(queues, job, config.visibility())) {
            if (!runAndReport(spec)) {
                return NOT_REPORTED;
            }
        }
        try {
            queues.delete(job);
        } catch (RuntimeException e) {
            LOG.errorf("Job %s was reported but its message could not be deleted (%s); SQS will hand it to another "
                    + "runner, whose events control-api ignores for a finished job", spec.getJobId(), e.getMessage());
            return NOT_REPORTED;
        }
        return 0;
    }

    /** Long-polls the jobs queue until a job arrives or the receive wait is over; at least one poll. */
    private Optional<Received<JobRequest>> take() {
        Instant deadline = Instant.now().plus(config.receiveWait());
        while (true) {
            Duration left = Duration.between(Instant.now(), deadline);
            Duration wait = left.isNegative() ? Duration.ZERO : left.compareTo(LONGEST_POLL) > 0 ? LONGEST_POLL : left;
            List<Received<JobRequest>> received = queues.receive(OutpostQueue.JOBS, JobRequest.getDefaultInstance(), 1,
                    wait, config.visibility());
            if (!received.isEmpty()) {
                return Optional.of(received.getFirst());
            }
            if (!Instant.now().isBefore(deadline)) {
                return Optional.empty();
            }
        }
    }

    /** Runs the job and reports its outcome; false when the outcome could not be reported. */
    private boolean runAndReport(JobSpec spec) {
        String jobId = spec.getJobId();
        events.started(jobId, runnerName());
        JobResult result;
        try {
            result = execution.execute(spec);
        } catch (JobFailedException e) {
            LOG.infof("Job %s failed with %s: %s", jobId, e.code(), e.getMessage());
            return report(jobId, () -> events.failed(jobId, e));
        } catch (RuntimeException | Error e) {
            // The reason names the exception type only: messages of unexpected exceptions may quote the data.
            LOG.errorf(e, "Job %s failed unexpectedly", jobId);
            JobFailedException internal = new JobFailedException(JobFailedException.INTERNAL, "the job-runner failed ("
                    + e.getClass().getSimpleName() + "); run the job again, and if it fails the same way, give an "
                    + "operator job id " + jobId + " and runner '" + runnerName() + "' to find its log");
            return report(jobId, () -> events.failed(jobId, internal));
        }
        return report(jobId, () -> events.succeeded(jobId, result));
    }

    private static boolean report(String jobId, Runnable send) {
        try {
            send.run();
            return true;
        } catch (RuntimeException e) {
            LOG.errorf(e, "Could not report the outcome of job %s; leaving it on the queue for another runner", jobId);
            return false;
        }
    }

    /** The pod name on Kubernetes (its HOSTNAME), else the process id. */
    private static String runnerName() {
        String hostname = System.getenv("HOSTNAME");
        return hostname != null && !hostname.isBlank() ? hostname : "pid " + ProcessHandle.current().pid();
    }
}
