package dev.outpost.localcloud;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.Message;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;

class LocalSqsTest {

    private static LocalSqs server;
    private static SqsClient sqs;

    @BeforeAll
    static void start() {
        server = LocalSqs.start();
        sqs = server.newClient();
    }

    @AfterAll
    static void stop() {
        sqs.close();
        server.close();
    }

    @Test
    void listensOnLoopback() {
        assertEquals("127.0.0.1", server.endpoint().getHost());
        assertTrue(server.endpoint().getPort() > 0);
    }

    @Test
    void deliversASentMessage() {
        String queue = sqs.createQueue(r -> r.queueName("jobs")).queueUrl();

        sqs.sendMessage(r -> r.queueUrl(queue).messageBody("run job 42"));
        List<Message> received = sqs.receiveMessage(r -> r.queueUrl(queue).waitTimeSeconds(5)).messages();

        assertEquals(1, received.size());
        assertEquals("run job 42", received.getFirst().body());
    }

    @Test
    void movesAMessageToTheDeadLetterQueueAfterThreeReceives() {
        String dlq = sqs.createQueue(r -> r.queueName("results-dlq")).queueUrl();
        String dlqArn = sqs.getQueueAttributes(r -> r.queueUrl(dlq).attributeNames(QueueAttributeName.QUEUE_ARN))
                .attributes().get(QueueAttributeName.QUEUE_ARN);
        String queue = sqs.createQueue(r -> r.queueName("results").attributes(Map.of(
                QueueAttributeName.REDRIVE_POLICY,
                "{\"maxReceiveCount\":\"3\",\"deadLetterTargetArn\":\"" + dlqArn + "\"}"))).queueUrl();
        sqs.sendMessage(r -> r.queueUrl(queue).messageBody("poison"));

        // Visibility timeout 0 hands the message out again at once, standing in for a consumer that keeps failing.
        for (int attempt = 1; attempt <= 3; attempt++) {
            List<Message> received = sqs.receiveMessage(r -> r.queueUrl(queue).visibilityTimeout(0)
                    .waitTimeSeconds(5)).messages();
            assertEquals(1, received.size(), "receive " + attempt);
        }
        List<Message> fourth = sqs.receiveMessage(r -> r.queueUrl(queue).waitTimeSeconds(1)).messages();
        List<Message> dead = sqs.receiveMessage(r -> r.queueUrl(dlq).waitTimeSeconds(5)).messages();

        assertTrue(fourth.isEmpty(), "the fourth receive must not see the message");
        assertEquals(1, dead.size());
        assertEquals("poison", dead.getFirst().body());
    }
}
