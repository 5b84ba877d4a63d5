package dev.outpost.planemanager.launch;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import dev.outpost.localcloud.LocalSqs;
import dev.outpost.proto.job.v1.JobEvent;
import dev.outpost.proto.job.v1.JobRequest;
import dev.outpost.proto.job.v1.JobSpec;
import dev.outpost.proto.job.v1.JobStarted;
import dev.outpost.sqs.OutpostQueue;
import dev.outpost.sqs.QueueClient;
import dev.outpost.sqs.QueueTopology;
import dev.outpost.sqs.Received;
import software.amazon.awssdk.services.sqs.SqsClient;

/** Which job a runner failure is reported for, and how, against a real SQS server (ElasticMQ). */
class QueueFailureReporterTest {

    private static LocalSqs server;
    private static SqsClient sqs;

    private final RunnerJobs runnerJobs = new RunnerJobs();

    @BeforeAll
    static void startSqs() {
        server = LocalSqs.start();
        sqs = server.newClient();
    }

    @AfterAll
    static void stopSqs() {
        sqs.close();
        server.close();
    }

    private QueueClient freshQueues(String prefix) {
        QueueTopology.ensure(sqs, prefix);
        return new QueueClient(sqs, prefix);
    }

    @Test
    void aRunnerThatNeverStartedFailsTheJobAtTheHeadOfTheQueueWithItsReason() {
        QueueClient queues = freshQueues("never-started-");
        queues.send(OutpostQueue.JOBS, JobRequest.newBuilder().setSpec(JobSpec.newBuilder().setJobId("job-1")).build());
        QueueFailureReporter reporter = new QueueFailureReporter(queues, runnerJobs);

        reporter.runnerFailed("outpost-job-runner-abc", RunnerFailure.beforeStart("RUNNER_IMAGE_PULL",
                "The job-runner image x cannot be pulled."));

        List<Received<JobEvent>> events = events(queues);
        assertThat(events).singleElement().satisfies(e -> {
            assertThat(e.body().getJobId()).isEqualTo("job-1");
            assertThat(e.body().getEventId()).isNotEmpty();
            assertThat(e.body().getFailed().getCode()).isEqualTo("RUNNER_IMAGE_PULL");
            assertThat(e.body().getFailed().getReason()).isEqualTo("The job-runner image x cannot be pulled.");
        });
        assertThat(queues.approximateDepth(OutpostQueue.JOBS)).as("the failed job left the queue").isZero();
    }

    @Test
    void withNoJobWaitingNothingIsReported() {
        QueueClient queues = freshQueues("nothing-waiting-");
        new QueueFailureReporter(queues, runnerJobs).runnerFailed("outpost-job-runner-abc",
                RunnerFailure.beforeStart("RUNNER_IMAGE_PULL", "x"));
        assertThat(events(queues)).isEmpty();
    }

    @Test
    void aRunnerThatDiedAfterTakingItsJobTellsThatJobWhyAndLeavesTheRetryToTheQueue() {
        QueueClient queues = freshQueues("after-start-");
        queues.send(OutpostQueue.JOBS, JobRequest.newBuilder().setSpec(JobSpec.newBuilder().setJobId("job-9")).build());
        runnerJobs.observed(JobEvent.newBuilder().setJobId("job-2")
                .setStarted(JobStarted.newBuilder().setRunner("outpost-job-runner-abc-x7k2q")).build());

        new QueueFailureReporter(queues, runnerJobs).runnerFailed("outpost-job-runner-abc",
                RunnerFailure.afterStart("RUNNER_OUT_OF_MEMORY", "The job-runner was killed for memory."));

        assertThat(events(queues)).singleElement().satisfies(e -> {
            assertThat(e.body().getJobId()).as("the job its pod took").isEqualTo("job-2");
            assertThat(e.body().hasProgress()).as("not terminal: the queue retries the job").isTrue();
            assertThat(e.body().getProgress().getPhase()).isEqualTo("retry");
            assertThat(e.body().getProgress().getMessage()).contains("RUNNER_OUT_OF_MEMORY",
                    "killed for memory", "retried");
        });
        assertThat(queues.approximateDepth(OutpostQueue.JOBS)).as("other jobs untouched").isEqualTo(1);
    }

    @Test
    void aRunnerWhoseJobIsUnknownIsOnlyLogged() {
        QueueClient queues = freshQueues("unknown-job-");
        new QueueFailureReporter(queues, runnerJobs).runnerFailed("outpost-job-runner-zzz",
                RunnerFailure.afterStart("RUNNER_FAILED", "x"));
        assertThat(events(queues)).isEmpty();
    }

    private static List<Received<JobEvent>> events(QueueClient queues) {
        return queues.receive(OutpostQueue.JOB_EVENTS, JobEvent.getDefaultInstance(), 10, Duration.ofSeconds(1),
                Duration.ofSeconds(30));
    }
}
