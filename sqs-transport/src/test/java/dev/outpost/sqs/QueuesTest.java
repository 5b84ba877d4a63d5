package dev.outpost.sqs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import dev.outpost.localcloud.LocalSqs;
import dev.outpost.proto.job.v1.JobEvent;
import dev.outpost.proto.job.v1.JobRequest;
import dev.outpost.proto.job.v1.JobSpec;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;

/** The queues against a real SQS-compatible server (ElasticMQ, in this JVM). */
class QueuesTest {

    private static LocalSqs server;
    private static SqsClient sqs;

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

    @Test
    void topologyGivesEveryQueueADeadLetterQueueAfterThreeReceives() {
        QueueTopology.ensure(sqs, "topology-");
        QueueTopology.ensure(sqs, "topology-"); // idempotent
        for (OutpostQueue queue : OutpostQueue.values()) {
            String url = sqs.getQueueUrl(b -> b.queueName(queue.queueName("topology-"))).queueUrl();
            Map<QueueAttributeName, String> attributes = sqs.getQueueAttributes(b -> b.queueUrl(url)
                    .attributeNames(QueueAttributeName.REDRIVE_POLICY)).attributes();
            assertThat(attributes.get(QueueAttributeName.REDRIVE_POLICY))
                    .contains(queue.deadLetterQueueName("topology-"))
                    .containsPattern("\"maxReceiveCount\":\"?3\"?");
        }
    }

    @Test
    void messagesTravelAsProtobufJsonAndAreGoneOnlyWhenDeleted() {
        QueueTopology.ensure(sqs, "roundtrip-");
        QueueClient queues = new QueueClient(sqs, "roundtrip-");
        JobRequest request = JobRequest.newBuilder().setSpec(JobSpec.newBuilder().setJobId("job-1").setSampleLimit(5))
                .setEnqueuedAtMillis(42).build();
        queues.send(OutpostQueue.JOBS, request);

        String raw = sqs.receiveMessage(b -> b.queueUrl(queues.url(OutpostQueue.JOBS)).visibilityTimeout(0)
                .waitTimeSeconds(2)).messages().getFirst().body();
        assertThat(raw).contains("\"jobId\":\"job-1\"");

        List<Received<JobRequest>> received = queues.receive(OutpostQueue.JOBS, JobRequest.getDefaultInstance(), 10,
                Duration.ofSeconds(2), Duration.ofSeconds(1));
        assertThat(received).extracting(Received::body).containsExactly(request);
        assertThat(received.getFirst().receiveCount()).isEqualTo(2);

        awaitTrue(() -> queues.approximateDepth(OutpostQueue.JOBS) == 1, "the undeleted message visible again");
        List<Received<JobRequest>> again = queues.receive(OutpostQueue.JOBS, JobRequest.getDefaultInstance(), 10,
                Duration.ofSeconds(2), Duration.ofSeconds(30));
        assertThat(again).hasSize(1);
        queues.delete(again.getFirst());
        assertThat(queues.receive(OutpostQueue.JOBS, JobRequest.getDefaultInstance(), 10, Duration.ofSeconds(1),
                Duration.ofSeconds(30))).isEmpty();
    }

    @Test
    void aMalformedBodyIsLeftForTheDeadLetterQueueNotDropped() {
        QueueTopology.ensure(sqs, "malformed-");
        QueueClient queues = new QueueClient(sqs, "malformed-");
        sqs.sendMessage(b -> b.queueUrl(queues.url(OutpostQueue.JOB_EVENTS)).messageBody("not json"));

        String dlq = sqs.getQueueUrl(b -> b.queueName(OutpostQueue.JOB_EVENTS.deadLetterQueueName("malformed-")))
                .queueUrl();
        awaitTrue(() -> {
            assertThat(queues.receive(OutpostQueue.JOB_EVENTS, JobEvent.getDefaultInstance(), 10,
                    Duration.ofSeconds(1), Duration.ofSeconds(1))).as("never handed to a consumer").isEmpty();
            return sqs.receiveMessage(b -> b.queueUrl(dlq).visibilityTimeout(30)).messages().stream()
                    .anyMatch(m -> m.body().equals("not json"));
        }, "the malformed message in the dead-letter queue");
    }

    @Test
    void aDeadLetterIsReadFromItsQueueReturnedWithACountAndDeletedThere() {
        QueueTopology.ensure(sqs, "dead-letters-");
        QueueClient queues = new QueueClient(sqs, "dead-letters-");
        JobEvent event = JobEvent.newBuilder().setEventId("never-acknowledged").setJobId("job-7").build();
        queues.send(OutpostQueue.JOB_EVENTS, event);

        List<Received<JobEvent>> deadLetters = new CopyOnWriteArrayList<>();
        awaitTrue(() -> {
            List<Received<JobEvent>> received = queues.receive(OutpostQueue.JOB_EVENTS, JobEvent.getDefaultInstance(),
                    10, Duration.ZERO, Duration.ZERO);
            assertThat(received).allMatch(r -> !r.deadLettered() && r.returns() == 0);
            deadLetters.addAll(queues.receiveDeadLetters(OutpostQueue.JOB_EVENTS, JobEvent.getDefaultInstance(), 10,
                    Duration.ZERO, Duration.ofSeconds(30)));
            return !deadLetters.isEmpty();
        }, "the event on the dead-letter queue after " + QueueTopology.MAX_RECEIVE_COUNT + " receives");
        Received<JobEvent> deadLetter = deadLetters.getFirst();
        assertThat(deadLetter.body()).isEqualTo(event);
        assertThat(deadLetter.deadLettered()).isTrue();

        queues.returnToQueue(deadLetter);
        assertThat(visibleAndInFlight(queues.deadLetterUrl(OutpostQueue.JOB_EVENTS))).as("gone from the DLQ")
                .isZero();
        Received<JobEvent> returned = queues.receive(OutpostQueue.JOB_EVENTS, JobEvent.getDefaultInstance(), 10,
                Duration.ofSeconds(2), Duration.ofSeconds(30)).getFirst();
        assertThat(returned.body()).isEqualTo(event);
        assertThat(returned.deadLettered()).isFalse();
        assertThat(returned.returns()).as("returns counted").isEqualTo(1);
        assertThatThrownBy(() -> queues.returnToQueue(returned)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("not from its dead-letter queue");

        queues.send(OutpostQueue.JOBS, JobRequest.getDefaultInstance());
        String jobs = queues.url(OutpostQueue.JOBS);
        sqs.sendMessage(b -> b.queueUrl(queues.deadLetterUrl(OutpostQueue.JOBS)).messageBody("{}"));
        Received<JobRequest> deadJob = queues.receiveDeadLetters(OutpostQueue.JOBS, JobRequest.getDefaultInstance(),
                10, Duration.ofSeconds(2), Duration.ofSeconds(30)).getFirst();
        queues.delete(deadJob);
        assertThat(visibleAndInFlight(queues.deadLetterUrl(OutpostQueue.JOBS))).as("deleted from the DLQ").isZero();
        assertThat(visibleAndInFlight(jobs)).as("the jobs queue itself untouched").isEqualTo(1);
    }

    @Test
    void aPollerDeletesWhatItsHandlerFinishedAndRedeliversWhatFailed() {
        QueueTopology.ensure(sqs, "poller-");
        QueueClient queues = new QueueClient(sqs, "poller-");
        List<String> handled = new CopyOnWriteArrayList<>();
        AtomicInteger failures = new AtomicInteger();
        queues.send(OutpostQueue.JOB_EVENTS, JobEvent.newBuilder().setEventId("ok").build());
        queues.send(OutpostQueue.JOB_EVENTS, JobEvent.newBuilder().setEventId("flaky").build());

        try (QueuePoller<JobEvent> poller = QueuePoller.start(queues, OutpostQueue.JOB_EVENTS,
                JobEvent.getDefaultInstance(), Duration.ofSeconds(1), message -> {
                    if (message.body().getEventId().equals("flaky") && failures.getAndIncrement() == 0) {
                        throw new IllegalStateException("first attempt fails");
                    }
                    handled.add(message.body().getEventId());
                    return true;
                })) {
            awaitTrue(() -> handled.containsAll(List.of("ok", "flaky")), "both handled, the flaky one redelivered");
        }
        assertThat(failures.get()).isGreaterThanOrEqualTo(1);
        assertThat(handled).containsOnlyOnce("ok");
        awaitTrue(() -> visibleAndInFlight(queues.url(OutpostQueue.JOB_EVENTS)) == 0, "both deleted");
    }

    @Test
    void aKeptMessageStaysInvisibleBeyondItsTimeout() {
        QueueTopology.ensure(sqs, "keeper-");
        QueueClient queues = new QueueClient(sqs, "keeper-");
        queues.send(OutpostQueue.JOBS, JobRequest.getDefaultInstance());
        Received<JobRequest> message = queues.receive(OutpostQueue.JOBS, JobRequest.getDefaultInstance(), 1,
                Duration.ofSeconds(2), Duration.ofSeconds(1)).getFirst();

        try (VisibilityKeeper ignored = VisibilityKeeper.keep(queues, message, Duration.ofSeconds(1))) {
            Instant until = Instant.now().plusSeconds(3);
            while (Instant.now().isBefore(until)) {
                assertThat(queues.receive(OutpostQueue.JOBS, JobRequest.getDefaultInstance(), 1,
                        Duration.ofSeconds(1), Duration.ofSeconds(1))).as("still invisible").isEmpty();
            }
        }
        awaitTrue(() -> queues.approximateDepth(OutpostQueue.JOBS) == 1, "visible again once no longer kept");
    }

    private static long visibleAndInFlight(String url) {
        Map<QueueAttributeName, String> attributes = sqs.getQueueAttributes(b -> b.queueUrl(url).attributeNames(
                QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES,
                QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES_NOT_VISIBLE)).attributes();
        return Long.parseLong(attributes.get(QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES))
                + Long.parseLong(attributes.get(QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES_NOT_VISIBLE));
    }

    private static void awaitTrue(BooleanSupplier condition, String what) {
        Instant deadline = Instant.now().plusSeconds(20);
        while (Instant.now().isBefore(deadline)) {
            if (condition.getAsBoolean()) {
                return;
            }
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError("interrupted", e);
            }
        }
        throw new AssertionError("not within 20 s: " + what);
    }
}
