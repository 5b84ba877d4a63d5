package dev.outpost.sqs;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.Message;
import com.google.protobuf.util.JsonFormat;

import org.jboss.logging.Logger;

import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.MessageAttributeValue;
import software.amazon.awssdk.services.sqs.model.MessageSystemAttributeName;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;

/**
 * Sends and receives protobuf messages on the {@link OutpostQueue}s of one deployment. Bodies are protobuf JSON, so
 * an operator can read a message in the SQS console or a dead-letter queue without Outpost's tools.
 *
 * <p>Each queue's dead-letter queue is read with {@link #receiveDeadLetters}; what is received from it is deleted
 * from it, extended on it, or put back on its queue ({@link #returnToQueue}).
 *
 * <p>Thread-safe: queue URLs are resolved once and cached.
 */
public final class QueueClient {

    private static final Logger LOG = Logger.getLogger(QueueClient.class);
    private static final JsonFormat.Printer PRINTER = JsonFormat.printer().omittingInsignificantWhitespace();
    private static final JsonFormat.Parser PARSER = JsonFormat.parser().ignoringUnknownFields();
    /** Message attribute counting a message's returns from the dead-letter queue, so returning can be bounded. */
    private static final String RETURNS_ATTRIBUTE = "outpost-dead-letter-returns";

    private final SqsClient sqs;
    private final String prefix;
    private final Map<String, String> urls = new HashMap<>();

    /**
     * @param sqs    the SQS client (AWS or an SQS-compatible endpoint)
     * @param prefix the deployment's queue-name prefix, e.g. {@code outpost-}
     */
    public QueueClient(SqsClient sqs, String prefix) {
        this.sqs = sqs;
        this.prefix = prefix;
    }

    /** Puts {@code body} on {@code queue}; returns SQS's message id. */
    public String send(OutpostQueue queue, Message body) {
        String json = encode(body);
        return sqs.sendMessage(b -> b.queueUrl(url(queue)).messageBody(json)).messageId();
    }

    private static String encode(Message body) {
        try {
            return PRINTER.print(body);
        } catch (InvalidProtocolBufferException e) {
            throw new IllegalArgumentException("Cannot encode " + body.getDescriptorForType().getFullName(), e);
        }
    }

    /**
     * Long-polls {@code queue} for up to {@code max} messages (1–10), waiting at most {@code wait} (≤ 20 s) when the
     * queue is empty. Received messages stay invisible to other consumers for {@code visibility}.
     *
     * <p>A message whose body does not decode is logged and left alone: it comes back after its visibility timeout
     * and moves to the dead-letter queue after {@link QueueTopology#MAX_RECEIVE_COUNT} receives, where an operator
     * can inspect it. It is never silently deleted.
     *
     * @param prototype the default instance of the body type, e.g. {@code JobRequest.getDefaultInstance()}
     */
    public <T extends Message> List<Received<T>> receive(OutpostQueue queue, T prototype, int max, Duration wait,
            Duration visibility) {
        return receive(queue, false, prototype, max, wait, visibility);
    }

    /**
     * Like {@link #receive}, from {@code queue}'s dead-letter queue: messages SQS gave up on after
     * {@link QueueTopology#MAX_RECEIVE_COUNT} receives. A body that does not decode stays there for an operator.
     */
    public <T extends Message> List<Received<T>> receiveDeadLetters(OutpostQueue queue, T prototype, int max,
            Duration wait, Duration visibility) {
        return receive(queue, true, prototype, max, wait, visibility);
    }

    private <T extends Message> List<Received<T>> receive(OutpostQueue queue, boolean deadLetters, T prototype,
            int max, Duration wait, Duration visibility) {
        var response = sqs.receiveMessage(b -> b.queueUrl(url(queue, deadLetters))
                .maxNumberOfMessages(max)
                .waitTimeSeconds((int) wait.toSeconds())
                .visibilityTimeout((int) visibility.toSeconds())
                .messageSystemAttributeNames(MessageSystemAttributeName.APPROXIMATE_RECEIVE_COUNT)
                .messageAttributeNames(RETURNS_ATTRIBUTE));
        List<Received<T>> received = new ArrayList<>(response.messages().size());
        for (var message : response.messages()) {
            int receiveCount = Integer.parseInt(message.attributes()
                    .getOrDefault(MessageSystemAttributeName.APPROXIMATE_RECEIVE_COUNT, "1"));
            Message.Builder builder = prototype.newBuilderForType();
            try {
                PARSER.merge(message.body(), builder);
            } catch (InvalidProtocolBufferException | RuntimeException e) {
                if (deadLetters) {
                    LOG.errorf("Message %s on the dead-letter queue of %s is not a valid %s (%s); it is left there "
                            + "for an operator", message.messageId(), queue, prototype.getDescriptorForType().getName(),
                            e.getMessage());
                } else {
                    LOG.errorf("Message %s on queue %s is not a valid %s (%s); it is left for the dead-letter queue "
                            + "(receive %d of %d)", message.messageId(), queue,
                            prototype.getDescriptorForType().getName(), e.getMessage(), receiveCount,
                            QueueTopology.MAX_RECEIVE_COUNT);
                }
                continue;
            }
            MessageAttributeValue returns = message.messageAttributes().get(RETURNS_ATTRIBUTE);
            @SuppressWarnings("unchecked")
            T body = (T) builder.build();
            received.add(new Received<>(queue, body, message.messageId(), message.receiptHandle(), receiveCount,
                    deadLetters, returns == null ? 0 : Integer.parseInt(returns.stringValue())));
        }
        return received;
    }

    /**
     * Moves a message received from a dead-letter queue back onto its queue, counting the return in
     * {@link Received#returns()} of its next receive, then deletes it from the dead-letter queue. If the delete
     * fails, the message is on both queues: consumers must be idempotent (they are, by id).
     */
    public void returnToQueue(Received<?> deadLetter) {
        if (!deadLetter.deadLettered()) {
            throw new IllegalArgumentException("Message " + deadLetter.messageId() + " was received from "
                    + deadLetter.queue() + " itself, not from its dead-letter queue: only dead letters are returned");
        }
        String json = encode(deadLetter.body());
        String returns = Integer.toString(deadLetter.returns() + 1);
        sqs.sendMessage(b -> b.queueUrl(url(deadLetter.queue())).messageBody(json)
                .messageAttributes(Map.of(RETURNS_ATTRIBUTE, MessageAttributeValue.builder().dataType("Number")
                        .stringValue(returns).build())));
        delete(deadLetter);
    }

    /** Deletes a received message: call only once what it caused is durable. */
    public void delete(Received<?> message) {
        sqs.deleteMessage(b -> b.queueUrl(url(message.queue(), message.deadLettered()))
                .receiptHandle(message.receiptHandle()));
    }

    /** Keeps a received message invisible for another {@code visibility}, counted from now. */
    public void extendVisibility(Received<?> message, Duration visibility) {
        sqs.changeMessageVisibility(b -> b.queueUrl(url(message.queue(), message.deadLettered()))
                .receiptHandle(message.receiptHandle())
                .visibilityTimeout((int) visibility.toSeconds()));
    }

    /** SQS's approximate count of visible (waiting) messages on {@code queue}. */
    public long approximateDepth(OutpostQueue queue) {
        String value = sqs.getQueueAttributes(b -> b.queueUrl(url(queue))
                        .attributeNames(QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES))
                .attributes().get(QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES);
        return value == null ? 0 : Long.parseLong(value);
    }

    /** The URL of {@code queue}, resolved by name on first use. */
    public String url(OutpostQueue queue) {
        return url(queue, false);
    }

    /** The URL of {@code queue}'s dead-letter queue, resolved by name on first use. */
    public String deadLetterUrl(OutpostQueue queue) {
        return url(queue, true);
    }

    private synchronized String url(OutpostQueue queue, boolean deadLetter) {
        String name = deadLetter ? queue.deadLetterQueueName(prefix) : queue.queueName(prefix);
        return urls.computeIfAbsent(name, n -> sqs.getQueueUrl(b -> b.queueName(n)).queueUrl());
    }
}
