package dev.outpost.planemanager.forward;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;

import jakarta.enterprise.context.ApplicationScoped;

import dev.outpost.planemanager.EdgeConfig;
import dev.outpost.planemanager.launch.RunnerJobs;
import dev.outpost.proto.edgelink.v1.EdgeEvent;
import dev.outpost.proto.interactive.v1.InteractiveReply;
import dev.outpost.proto.job.v1.JobEvent;
import dev.outpost.sqs.OutpostQueue;
import dev.outpost.sqs.QueueClient;
import dev.outpost.sqs.QueuePoller;
import dev.outpost.sqs.Received;

/**
 * Forwards job events and interactive replies from their queues over the link. A message is deleted only when
 * control-api acknowledged its event; until then it stays invisible on its queue and comes back if the
 * acknowledgement never arrives. Queues are consumed only while the link is up, so nothing is received (and counted
 * towards the dead-letter limit) while there is nowhere to send it.
 */
@ApplicationScoped
public class EventForwarder {

    private final QueueClient queues;
    private final Duration ackTimeout;
    private final RunnerJobs runnerJobs;
    private final Map<String, Received<?>> awaitingAck = new ConcurrentHashMap<>();
    private volatile Consumer<EdgeEvent> link;
    private QueuePoller<JobEvent> jobEvents;
    private QueuePoller<InteractiveReply> replies;

    EventForwarder(QueueClient queues, EdgeConfig config, RunnerJobs runnerJobs) {
        this.queues = queues;
        this.ackTimeout = config.eventAckTimeout();
        this.runnerJobs = runnerJobs;
    }

    /** The link is up: forward events through {@code send}. */
    public synchronized void linkUp(Consumer<EdgeEvent> send) {
        link = send;
        jobEvents = QueuePoller.start(queues, OutpostQueue.JOB_EVENTS, JobEvent.getDefaultInstance(), ackTimeout,
                m -> {
                    runnerJobs.observed(m.body()); // which runner took which job, to attribute its failure
                    return forward(m.body().getEventId().isEmpty() ? m.messageId() : m.body().getEventId(),
                            EdgeEvent.newBuilder().setJob(m.body()), m);
                });
        replies = QueuePoller.start(queues, OutpostQueue.REPLIES, InteractiveReply.getDefaultInstance(), ackTimeout,
                m -> forward("reply-" + m.body().getRequestId(), EdgeEvent.newBuilder().setInteractiveReply(m.body()),
                        m));
    }

    /** The link is down: stop consuming; unacknowledged events come back on their queues. */
    public synchronized void linkDown() {
        link = null;
        if (jobEvents != null) {
            jobEvents.close();
            replies.close();
            jobEvents = null;
            replies = null;
        }
        awaitingAck.clear();
    }

    /** control-api persisted event {@code eventId}: delete its message. */
    public void acknowledged(String eventId) {
        Received<?> message = awaitingAck.remove(eventId);
        if (message != null) {
            queues.delete(message);
        }
    }

    private boolean forward(String eventId, EdgeEvent.Builder event, Received<?> message) {
        Consumer<EdgeEvent> send = link;
        if (send == null) {
            throw new IllegalStateException("link went down; event " + eventId + " will be forwarded after reconnect");
        }
        awaitingAck.put(eventId, message);
        send.accept(event.setEventId(eventId).build());
        return false;
    }
}
