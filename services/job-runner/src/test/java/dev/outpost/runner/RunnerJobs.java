package dev.outpost.runner;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import dev.outpost.proto.job.v1.DataFormat;
import dev.outpost.proto.job.v1.DataLocation;
import dev.outpost.proto.job.v1.JobEvent;
import dev.outpost.proto.job.v1.JobFailure;
import dev.outpost.proto.job.v1.JobRequest;
import dev.outpost.proto.job.v1.JobResult;
import dev.outpost.proto.job.v1.JobSpec;
import dev.outpost.sqs.OutpostQueue;
import dev.outpost.sqs.QueueClient;
import dev.outpost.sqs.Received;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;

/** Runs jobs as the runner takes them in production: put on the jobs queue, taken, reported on job-events. */
@ApplicationScoped
class RunnerJobs {

    /** The customer's data bucket, made by S3TestResource. */
    static final String DATA = "customer-data";
    private static final Duration EVENT_DEADLINE = Duration.ofSeconds(20);

    private final JobRun jobRun;
    private final QueueClient queues;
    private final S3Client s3;

    RunnerJobs(JobRun jobRun, QueueClient queues, S3Client s3) {
        this.jobRun = jobRun;
        this.queues = queues;
        this.s3 = s3;
    }

    /** Puts an object into the data bucket. */
    void put(String key, String content) {
        s3.putObject(b -> b.bucket(DATA).key(key), RequestBody.fromString(content));
    }

    /** Puts an object into the data bucket. */
    void put(String key, byte[] content) {
        s3.putObject(b -> b.bucket(DATA).key(key), RequestBody.fromBytes(content));
    }

    /** A location in the data bucket. */
    static DataLocation.Builder location(String prefix, DataFormat format) {
        return DataLocation.newBuilder().setBucket(DATA).setPrefix(prefix).setFormat(format);
    }

    /** Puts the job on the jobs queue, with a fresh job id. */
    String submit(JobSpec.Builder spec) {
        String jobId = UUID.randomUUID().toString();
        queues.send(OutpostQueue.JOBS, JobRequest.newBuilder()
                .setSpec(spec.setJobId(jobId))
                .setEnqueuedAtMillis(System.currentTimeMillis())
                .build());
        return jobId;
    }

    /** Submits the job, lets the runner take and run it, and returns its events. */
    List<JobEvent> run(JobSpec.Builder spec) {
        String jobId = submit(spec);
        assertThat(jobRun.takeAndRun()).isZero();
        return eventsOf(jobId);
    }

    /** Runs the job and returns its result, failing the test if the job failed. */
    JobResult succeeded(JobSpec.Builder spec) {
        return succeedAfterSubmit(submit(spec));
    }

    /** Lets the runner take and run the submitted job and returns its result, failing the test if the job failed. */
    JobResult succeedAfterSubmit(String jobId) {
        assertThat(jobRun.takeAndRun()).isZero();
        JobEvent last = eventsOf(jobId).getLast();
        assertThat(last.hasSucceeded()).as("job outcome %s", last).isTrue();
        return last.getSucceeded();
    }

    /** Runs the job and returns its failure, failing the test if the job succeeded. */
    JobFailure failed(JobSpec.Builder spec) {
        JobEvent last = run(spec).getLast();
        assertThat(last.hasFailed()).as("job outcome %s", last).isTrue();
        return last.getFailed();
    }

    /** The job's events in the order sent, up to and including its final (succeeded or failed) event. */
    List<JobEvent> eventsOf(String jobId) {
        List<JobEvent> events = new ArrayList<>();
        Instant deadline = Instant.now().plus(EVENT_DEADLINE);
        while (Instant.now().isBefore(deadline)) {
            for (Received<JobEvent> received : queues.receive(OutpostQueue.JOB_EVENTS, JobEvent.getDefaultInstance(),
                    10, Duration.ofSeconds(1), Duration.ofSeconds(30))) {
                queues.delete(received);
                if (received.body().getJobId().equals(jobId)) {
                    events.add(received.body());
                }
            }
            if (!events.isEmpty() && (events.getLast().hasSucceeded() || events.getLast().hasFailed())) {
                assertThat(events.getFirst().hasStarted()).isTrue();
                return events;
            }
        }
        throw new AssertionError("no final event for job " + jobId + " within " + EVENT_DEADLINE + ": " + events);
    }
}
