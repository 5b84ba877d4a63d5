package dev.outpost.sqs;

import com.google.protobuf.Message;

/**
 * A message taken from a queue and not yet deleted: it becomes visible again (and is redelivered) unless it is
 * deleted or its visibility is extended before the timeout.
 *
 * @param queue         the queue it came from
 * @param body          the decoded body
 * @param messageId     SQS's id for the message
 * @param receiptHandle the handle that deletes or extends this receive
 * @param receiveCount  how many times it has been received, this time included
 * @param deadLettered  whether it was taken from {@code queue}'s dead-letter queue rather than from {@code queue}
 * @param returns       how many times it was moved back from the dead-letter queue to {@code queue}
 *                      ({@link QueueClient#returnToQueue})
 */
public record Received<T extends Message>(OutpostQueue queue, T body, String messageId, String receiptHandle,
        int receiveCount, boolean deadLettered, int returns) {
}
