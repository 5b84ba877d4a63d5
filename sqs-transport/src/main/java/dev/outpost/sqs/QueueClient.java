package dev.outpost.sqs;

import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.Message;
import com.google.protobuf.util.JsonFormat;

import org.jboss.logging.Logger;

import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.MessageSystemAttributeName;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;

/**
 * Sends and receives protobuf messages on the {@link OutpostQueue}s of one deployment. Bodies are protobuf JSON, so
 * an operator can read a message in the SQS console or a dead-letter queue without Outpost's tools.
 *
 * <p>Thread-safe: queue URLs are resolved once and cached.
 */
public final class QueueClient {

    private static final Logger LOG = Logger.getLogger(QueueClient.class);
    private static final JsonFormat.Printer PRINTER = JsonFormat.printer().omittingInsignificantWhitespace();
    private static final JsonFormat.Parser PARSER = JsonFormat.parser().ignoringUnknownFields();

    private final SqsClient sqs;
    private final String prefix;
    private final Map<OutpostQueue, String> urls = new EnumMap<>(OutpostQueue.class);

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
        try {
            String json = PRINTER.print(body);
            return sqs.sendMessage(b -> b.queueUrl(url(queue)).messageBody(json)).messageId();
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
        var response = sqs.receiveMessage(b -> b.queueUrl(url(queue))
                .maxNumberOfMessages(max)
                .waitTimeSeconds((int) wait.toSeconds())
                .visibilityTimeout((int) visibility.toSeconds())
                .messageSystemAttributeNames(MessageSystemAttributeName.APPROXIMATE_RECEIVE_COUNT));
        List<Received<T>> received = new ArrayList<>(response.messages().size());
        for (var message : response.messages()) {
            int receiveCount = Integer.parseInt(message.attributes()
                    .getOrDefault(MessageSystemAttributeName.APPROXIMATE_RECEIVE_COUNT, "1"));
            Message.Builder builder = prototype.newBuilderForType();
            try {
                PARSER.merge(message.body(), builder);
            } catch (InvalidProtocolBufferException | RuntimeException e) {
                LOG.errorf("Message %s on queue %s is not a valid %s (%s); it is left for the dead-letter queue "
                        + "(receive %d of %d)", message.messageId(), queue, prototype.getDescriptorForType().getName(),
                        e.getMessage(), receiveCount, QueueTopology.MAX_RECEIVE_COUNT);
                continue;
            }
            @SuppressWarnings("unchecked")
            T body = (T) builder.build();
            received.add(new Received<>(queue, body, message.messageId(), message.receiptHandle(), receiveCount));
        }
        return received;
    }

    /** Deletes a received message: call only once what it caused is durable. */
    public void delete(Received<?> message) {
        sqs.deleteMessage(b -> b.queueUrl(url(message.queue())).receiptHandle(message.receiptHandle()));
    }

    /** Keeps a received message invisible for another {@code visibility}, counted from now. */
    public void extendVisibility(Received<?> message, Duration visibility) {
        sqs.changeMessageVisibility(b -> b.queueUrl(url(message.queue()))
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
    public synchronized String url(OutpostQueue queue) {
        return urls.computeIfAbsent(queue, q -> sqs.getQueueUrl(b -> b.queueName(q.queueName(prefix))).queueUrl());
    }
}
