package dev.outpost.planemanager.deadletter;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import dev.outpost.localcloud.LocalSqs;
import dev.outpost.proto.job.v1.JobEvent;
import dev.outpost.sqs.OutpostQueue;
import dev.outpost.sqs.QueueClient;
import dev.outpost.sqs.QueueTopology;
import dev.outpost.sqs.Received;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;

/** Only the leader touches the dead-letter queues, against a real SQS server (ElasticMQ). */
class DeadLetterLeadershipTest {

    private static final DeadLetterConfig CONFIG = new DeadLetterConfig() {
        @Override
        public Duration checkInterval() {
            return Duration.ofSeconds(30);
        }

        @Override
        public int maxEventReturns() {
            return 3;
        }
    };

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
    void aReplicaThatDoesNotLeadLeavesDeadLettersToTheLeader() {
        QueueTopology.ensure(sqs, "leadership-");
        QueueClient queues = new QueueClient(sqs, "leadership-");
        String jobsDeadLetters = queues.deadLetterUrl(OutpostQueue.JOBS);
        String messageId = sqs.sendMessage(b -> b.queueUrl(jobsDeadLetters)
                .messageBody("{\"spec\":{\"jobId\":\"job-led\"}}")).messageId();
        sqs.sendMessage(b -> b.queueUrl(jobsDeadLetters).messageBody("{\"spec\":{}}"));
        AtomicBoolean leading = new AtomicBoolean(false);
        DeadLetterWatcher watcher = new DeadLetterWatcher(queues, leading::get, CONFIG);

        watcher.check();
        assertThat(messagesOn(jobsDeadLetters)).as("untouched while not leading").isEqualTo(2);
        assertThat(messagesOn(queues.url(OutpostQueue.JOB_EVENTS))).isZero();

        leading.set(true);
        watcher.check();
        watcher.check();
        List<Received<JobEvent>> events = queues.receive(OutpostQueue.JOB_EVENTS, JobEvent.getDefaultInstance(), 10,
                Duration.ofSeconds(1), Duration.ofSeconds(30));
        assertThat(events).as("one failure for the job, none for the message naming no job").singleElement()
                .satisfies(e -> {
                    assertThat(e.body().getJobId()).isEqualTo("job-led");
                    assertThat(e.body().getEventId()).isEqualTo("dead-lettered-" + messageId);
                    assertThat(e.body().getFailed().getCode()).isEqualTo(DeadLetterWatcher.DEAD_LETTERED);
                });
        assertThat(messagesOn(jobsDeadLetters)).as("the message naming no job left for an operator").isEqualTo(1);
    }

    private static long messagesOn(String url) {
        var attributes = sqs.getQueueAttributes(b -> b.queueUrl(url).attributeNames(
                QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES,
                QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES_NOT_VISIBLE)).attributes();
        return Long.parseLong(attributes.get(QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES))
                + Long.parseLong(attributes.get(QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES_NOT_VISIBLE));
    }
}
