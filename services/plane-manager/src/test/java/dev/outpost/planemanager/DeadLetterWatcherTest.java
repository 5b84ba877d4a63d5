package dev.outpost.planemanager;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import dev.outpost.planemanager.deadletter.DeadLetterWatcher;
import dev.outpost.proto.edgelink.v1.ControlFrame;
import dev.outpost.proto.edgelink.v1.EventAck;
import dev.outpost.proto.job.v1.JobEvent;
import dev.outpost.proto.job.v1.JobFailure;
import dev.outpost.sqs.OutpostQueue;
import dev.outpost.sqs.QueueClient;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.MessageAttributeValue;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;

/** What SQS dead-lettered ends: a job fails with a reason, an unacknowledged event is forwarded again. */
@QuarkusTest
@TestProfile(PlaneManagerTestProfile.class)
class DeadLetterWatcherTest {

    @Inject
    QueueClient queues;

    @Inject
    SqsClient sqs;

    @Inject
    DeadLetterWatcher watcher;

    @Test
    void aDeadLetteredJobIsReportedFailedWithWhatToDoAndLeavesTheDeadLetterQueue() throws Exception {
        ScriptedControlPlane.expect(f -> f.hasHello() || f.hasHeartbeat());
        sqs.sendMessage(b -> b.queueUrl(queues.deadLetterUrl(OutpostQueue.JOBS))
                .messageBody("{\"spec\":{\"jobId\":\"job-dead-lettered\"}}"));

        watcher.check();

        var forwarded = ScriptedControlPlane.expect(f -> f.hasEvent()
                && f.getEvent().getJob().getJobId().equals("job-dead-lettered"));
        JobEvent event = forwarded.frame().getEvent().getJob();
        assertThat(event.hasFailed()).as("a terminal failure, not progress").isTrue();
        JobFailure failure = event.getFailed();
        assertThat(failure.getCode()).isEqualTo(DeadLetterWatcher.DEAD_LETTERED);
        assertThat(failure.getReason()).contains("3 times", "job-runner logs", "memory");
        assertThat(messagesOn(queues.deadLetterUrl(OutpostQueue.JOBS))).as("deleted once the event was queued")
                .isZero();
        acknowledge(forwarded.frame().getEvent().getEventId());
    }

    @Test
    void aDeadLetteredEventIsForwardedAgainUntilItsReturnsRunOut() throws Exception {
        ScriptedControlPlane.expect(f -> f.hasHello() || f.hasHeartbeat());
        String deadLetters = queues.deadLetterUrl(OutpostQueue.JOB_EVENTS);
        sqs.sendMessage(b -> b.queueUrl(deadLetters)
                .messageBody("{\"eventId\":\"event-unacknowledged\",\"jobId\":\"job-9\",\"started\":{}}"));

        watcher.check();

        var forwarded = ScriptedControlPlane.expect(f -> f.hasEvent()
                && f.getEvent().getEventId().equals("event-unacknowledged"));
        assertThat(forwarded.frame().getEvent().getJob().getJobId()).isEqualTo("job-9");
        assertThat(messagesOn(deadLetters)).as("moved, not copied").isZero();
        acknowledge("event-unacknowledged");

        sqs.sendMessage(b -> b.queueUrl(deadLetters)
                .messageBody("{\"eventId\":\"event-returned-too-often\",\"jobId\":\"job-9\",\"started\":{}}")
                .messageAttributes(Map.of("outpost-dead-letter-returns",
                        MessageAttributeValue.builder().dataType("Number").stringValue("3").build())));
        try {
            watcher.check();
            assertThat(messagesOn(deadLetters)).as("given up on: not returned, left on the dead-letter queue")
                    .isEqualTo(1);
        } finally {
            sqs.purgeQueue(b -> b.queueUrl(deadLetters));
        }
    }

    private static void acknowledge(String eventId) {
        ScriptedControlPlane.send(ControlFrame.newBuilder().setEventAck(EventAck.newBuilder().setEventId(eventId))
                .build());
    }

    private long messagesOn(String url) {
        Map<QueueAttributeName, String> attributes = sqs.getQueueAttributes(b -> b.queueUrl(url)
                .attributeNames(QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES,
                        QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES_NOT_VISIBLE)).attributes();
        return Long.parseLong(attributes.get(QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES))
                + Long.parseLong(attributes.get(QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES_NOT_VISIBLE));
    }
}
