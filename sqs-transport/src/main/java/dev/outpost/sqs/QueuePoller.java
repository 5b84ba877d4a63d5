package dev.outpost.sqs;

import java.time.Duration;
import java.util.concurrent.TimeUnit;

import com.google.protobuf.Message;

import org.jboss.logging.Logger;

/**
 * Consumes one queue on a background thread: long polls, hands each message to a {@link Handler}, and deletes it
 * when the handler says it is done. A handler that throws leaves the message on the queue, so SQS redelivers it and
 * eventually dead-letters it: at-least-once, nothing lost.
 */
public final class QueuePoller<T extends Message> implements AutoCloseable {

    /** What a consumer does with one message. */
    @FunctionalInterface
    public interface Handler<T extends Message> {
        /**
         * Handles one message.
         *
         * @return true to delete it now; false when the handler keeps it and deletes it later itself (for example
         *         after a remote acknowledgement), or wants it redelivered after its visibility timeout
         * @throws Exception to leave it for redelivery
         */
        boolean handle(Received<T> message) throws Exception;
    }

    private static final Logger LOG = Logger.getLogger(QueuePoller.class);
    private static final Duration LONG_POLL = Duration.ofSeconds(2);
    private static final Duration MAX_BACKOFF = Duration.ofSeconds(30);

    private final QueueClient queues;
    private final OutpostQueue queue;
    private final T prototype;
    private final Duration visibility;
    private final Handler<T> handler;
    private final Thread thread;
    private volatile boolean running = true;

    private QueuePoller(QueueClient queues, OutpostQueue queue, T prototype, Duration visibility, Handler<T> handler) {
        this.queues = queues;
        this.queue = queue;
        this.prototype = prototype;
        this.visibility = visibility;
        this.handler = handler;
        this.thread = Thread.ofPlatform().name("poll-" + queue.name().toLowerCase()).daemon().unstarted(this::run);
    }

    /**
     * Starts consuming {@code queue}.
     *
     * @param visibility how long a received message stays invisible before SQS redelivers it
     */
    public static <T extends Message> QueuePoller<T> start(QueueClient queues, OutpostQueue queue, T prototype,
            Duration visibility, Handler<T> handler) {
        QueuePoller<T> poller = new QueuePoller<>(queues, queue, prototype, visibility, handler);
        poller.thread.start();
        return poller;
    }

    private void run() {
        Duration backoff = Duration.ofMillis(250);
        while (running) {
            try {
                for (Received<T> message : queues.receive(queue, prototype, 10, LONG_POLL, visibility)) {
                    dispatch(message);
                }
                backoff = Duration.ofMillis(250);
            } catch (RuntimeException e) {
                if (!running) {
                    return;
                }
                LOG.warnf("Receiving from %s failed (%s); retrying in %d ms", queue, e.getMessage(), backoff.toMillis());
                pause(backoff);
                backoff = backoff.multipliedBy(2).compareTo(MAX_BACKOFF) > 0 ? MAX_BACKOFF : backoff.multipliedBy(2);
            }
        }
    }

    private void dispatch(Received<T> message) {
        try {
            if (handler.handle(message)) {
                queues.delete(message);
            }
        } catch (Exception e) {
            LOG.errorf(e, "Handling message %s from %s failed (receive %d of %d); it will be redelivered", message.messageId(),
                    queue, message.receiveCount(), QueueTopology.MAX_RECEIVE_COUNT);
        }
    }

    private void pause(Duration duration) {
        try {
            TimeUnit.MILLISECONDS.sleep(duration.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            running = false;
        }
    }

    /** Stops consuming; waits for the current long poll and handler to finish. */
    @Override
    public void close() {
        running = false;
        try {
            thread.join(LONG_POLL.plusSeconds(5).toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
