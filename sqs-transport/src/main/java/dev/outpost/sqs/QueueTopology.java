package dev.outpost.sqs;

import java.util.Map;

import org.jboss.logging.Logger;

import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;

/**
 * Creates the compute plane's queues with their dead-letter queues. In AWS the Helm chart's infrastructure owns
 * them; the embedded mode and tests call {@link #ensure} instead. Creating a queue that exists with the same
 * attributes is a no-op in SQS, so this is safe to run on every start.
 */
public final class QueueTopology {

    /** Receives after which SQS moves a message to the dead-letter queue. */
    public static final int MAX_RECEIVE_COUNT = 3;

    private static final Logger LOG = Logger.getLogger(QueueTopology.class);

    private QueueTopology() {
    }

    /** Creates every {@link OutpostQueue} under {@code prefix}, each with its dead-letter queue and redrive policy. */
    public static void ensure(SqsClient sqs, String prefix) {
        for (OutpostQueue queue : OutpostQueue.values()) {
            String dlqUrl = sqs.createQueue(b -> b.queueName(queue.deadLetterQueueName(prefix))).queueUrl();
            String dlqArn = sqs.getQueueAttributes(b -> b.queueUrl(dlqUrl).attributeNames(QueueAttributeName.QUEUE_ARN))
                    .attributes().get(QueueAttributeName.QUEUE_ARN);
            String redrive = "{\"deadLetterTargetArn\":\"" + dlqArn + "\",\"maxReceiveCount\":\"" + MAX_RECEIVE_COUNT + "\"}";
            sqs.createQueue(b -> b.queueName(queue.queueName(prefix))
                    .attributes(Map.of(QueueAttributeName.REDRIVE_POLICY, redrive)));
        }
        LOG.infof("Queues ready under prefix '%s' (%d queues, each with a dead-letter queue)", prefix,
                OutpostQueue.values().length);
    }
}
