package dev.outpost.sqs;

/**
 * The work queues of a compute plane. Every queue has a dead-letter queue named {@code <queue>-dlq} that receives a
 * message after {@link QueueTopology#MAX_RECEIVE_COUNT} failed receives.
 */
public enum OutpostQueue {
    /** {@code JobRequest}s: the source of truth for pending jobs; job-runners take one each. */
    JOBS("jobs"),
    /** {@code JobEvent}s from job-runners to plane-manager. */
    JOB_EVENTS("job-events"),
    /** {@code InteractiveRequest}s for metadata-browser. */
    INTERACTIVE("interactive"),
    /** {@code InteractiveRequest}s for results-reader. */
    RESULTS("results"),
    /** {@code InteractiveReply}s from the interactive services back to plane-manager. */
    REPLIES("replies");

    private final String baseName;

    OutpostQueue(String baseName) {
        this.baseName = baseName;
    }

    /** The queue's name under a deployment's prefix, e.g. {@code outpost-jobs}. */
    public String queueName(String prefix) {
        return prefix + baseName;
    }

    /** The name of the queue's dead-letter queue, e.g. {@code outpost-jobs-dlq}. */
    public String deadLetterQueueName(String prefix) {
        return queueName(prefix) + "-dlq";
    }
}
