package dev.outpost.sqs;

import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

import org.jboss.logging.Logger;

/**
 * Keeps a received message invisible while its consumer works on it, however long that takes, by extending its
 * visibility timeout at half-period intervals. If the consumer dies, extensions stop and SQS redelivers the message
 * after at most one period: no work is lost and none is held hostage.
 */
public final class VisibilityKeeper implements AutoCloseable {

    private static final Logger LOG = Logger.getLogger(VisibilityKeeper.class);

    private final ScheduledExecutorService timer;
    private final ScheduledFuture<?> task;

    private VisibilityKeeper(QueueClient queues, Received<?> message, Duration period) {
        this.timer = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread thread = new Thread(r, "visibility-" + message.messageId());
            thread.setDaemon(true);
            return thread;
        });
        long halfPeriodMillis = Math.max(500, period.toMillis() / 2);
        this.task = timer.scheduleAtFixedRate(() -> extend(queues, message, period), halfPeriodMillis,
                halfPeriodMillis, TimeUnit.MILLISECONDS);
    }

    /** Starts keeping {@code message} invisible, {@code period} at a time, until {@link #close()}. */
    public static VisibilityKeeper keep(QueueClient queues, Received<?> message, Duration period) {
        return new VisibilityKeeper(queues, message, period);
    }

    private static void extend(QueueClient queues, Received<?> message, Duration period) {
        try {
            queues.extendVisibility(message, period);
        } catch (RuntimeException e) {
            // A missed extension is retried at the next tick; if they all fail, SQS redelivers, which is safe.
            LOG.warnf("Could not extend visibility of message %s on %s: %s", message.messageId(), message.queue(),
                    e.getMessage());
        }
    }

    @Override
    public void close() {
        task.cancel(false);
        timer.shutdownNow();
    }
}
