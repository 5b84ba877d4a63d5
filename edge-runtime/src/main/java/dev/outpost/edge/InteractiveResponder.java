package dev.outpost.edge;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

import org.jboss.logging.Logger;

import dev.outpost.proto.interactive.v1.InteractiveReply;
import dev.outpost.proto.interactive.v1.InteractiveRequest;
import dev.outpost.sqs.OutpostQueue;
import dev.outpost.sqs.QueueClient;
import dev.outpost.sqs.QueuePoller;
import dev.outpost.sqs.Received;

/**
 * Serves the {@link InteractiveRequest}s of one queue, each kind by its own answerer: every request gets exactly one
 * {@link InteractiveReply} on {@link OutpostQueue#REPLIES} (an answer or an error), and is deleted only once that reply
 * is on the queue. If the reply cannot be sent, the request stays on its queue and SQS redelivers it.
 *
 * <p>A person is waiting for every reply, so failures become error replies rather than silent redeliveries: an
 * {@link InteractiveException} carries its own code and message; any other exception is logged here (without the
 * request, which may name data) and answered with {@code INTERNAL}.
 *
 * <p>Requests are answered concurrently, each on its own virtual thread, at most {@code concurrency} at a time, so a
 * source that never answers holds up only the requests waiting on it, not the whole queue. A request that had to wait
 * for a free slot has its visibility reset when its answering starts, so it gets the full visibility period to be
 * answered in and is not redelivered to another replica while this one still holds it.
 */
public final class InteractiveResponder implements AutoCloseable {

    /** Answers one request of the kind it serves. */
    @FunctionalInterface
    public interface Answerer {
        /**
         * @return the reply without its request id, which the responder sets
         * @throws InteractiveException when the request cannot be served, with a reason for the person who asked
         */
        InteractiveReply.Builder answer(InteractiveRequest request);
    }

    private static final Logger LOG = Logger.getLogger(InteractiveResponder.class);
    /** How often a poller waiting for a free slot checks whether the responder is closing. */
    private static final Duration SLOT_WAIT = Duration.ofMillis(200);
    /** How long {@link #close()} lets requests being answered finish and send their replies. */
    private static final Duration DRAIN = Duration.ofSeconds(15);

    private final QueueClient queues;
    private final OutpostQueue queue;
    private final Map<InteractiveRequest.KindCase, Answerer> answerers;
    private final Duration visibility;
    private final Semaphore slots;
    private final ExecutorService answering = Executors.newVirtualThreadPerTaskExecutor();
    private final QueuePoller<InteractiveRequest> poller;
    private volatile boolean closing;

    private InteractiveResponder(QueueClient queues, OutpostQueue queue,
            Map<InteractiveRequest.KindCase, Answerer> answerers, Duration visibility, int concurrency) {
        if (concurrency < 1) {
            throw new IllegalArgumentException("concurrency " + concurrency + " for the " + queue.name().toLowerCase()
                    + " queue is out of range: answer at least 1 request at a time");
        }
        this.queues = queues;
        this.queue = queue;
        this.answerers = Map.copyOf(answerers);
        this.visibility = visibility;
        this.slots = new Semaphore(concurrency);
        this.poller = QueuePoller.start(queues, queue, InteractiveRequest.getDefaultInstance(), visibility,
                this::dispatch);
    }

    /**
     * Starts answering the requests of every kind in {@code answerers} that arrive on {@code queue}, each with its own
     * answerer, at most {@code concurrency} at a time; requests of any other kind get an {@code INVALID_REQUEST}
     * reply. The answerers are called from several threads at once.
     *
     * @param visibility  how long a request stays invisible to other replicas while it is answered
     * @param concurrency the most requests answered at the same time (at least 1)
     */
    public static InteractiveResponder start(QueueClient queues, OutpostQueue queue,
            Map<InteractiveRequest.KindCase, Answerer> answerers, Duration visibility, int concurrency) {
        return new InteractiveResponder(queues, queue, answerers, visibility, concurrency);
    }

    /**
     * Hands {@code received} to a virtual thread once a slot is free; that thread deletes it after sending its reply.
     *
     * @return always false: the poller never deletes, the answering thread does
     */
    private boolean dispatch(Received<InteractiveRequest> received) throws InterruptedException {
        boolean waited = false;
        while (!slots.tryAcquire(SLOT_WAIT.toMillis(), TimeUnit.MILLISECONDS)) {
            waited = true;
            if (closing) {
                // Not answered, not deleted: SQS redelivers it to a replica that is still running.
                return false;
            }
        }
        try {
            if (waited) {
                queues.extendVisibility(received, visibility);
            }
            answering.execute(() -> {
                try {
                    respond(received);
                } finally {
                    slots.release();
                }
            });
        } catch (RuntimeException e) {
            slots.release();
            throw e;
        }
        return false;
    }

    private void respond(Received<InteractiveRequest> received) {
        InteractiveRequest request = received.body();
        try {
            InteractiveReply.Builder reply = answerOrError(request).setRequestId(request.getRequestId());
            queues.send(OutpostQueue.REPLIES, reply.build());
            queues.delete(received);
            LOG.debugf("Answered %s request %s with %s", request.getKindCase(), request.getRequestId(),
                    reply.getKindCase());
        } catch (RuntimeException e) {
            // The reply (or the delete) did not reach the queue: the request stays and is redelivered.
            LOG.errorf(e, "Could not send the reply to %s request %s (receive %d); it will be redelivered",
                    request.getKindCase(), request.getRequestId(), received.receiveCount());
        }
    }

    private InteractiveReply.Builder answerOrError(InteractiveRequest request) {
        try {
            Answerer answerer = answerers.get(request.getKindCase());
            if (answerer == null) {
                throw InteractiveException.invalidRequest("The " + queue.name().toLowerCase() + " queue serves "
                        + answerers.keySet().stream().map(kind -> kind.name().toLowerCase()).sorted()
                                .collect(Collectors.joining(", "))
                        + " requests only, not " + request.getKindCase().name().toLowerCase()
                        + ": send the request to the queue of the service that handles it");
            }
            return answerer.answer(request);
        } catch (InteractiveException e) {
            LOG.infof("Request %s refused with %s: %s", request.getRequestId(), e.code(), e.getMessage());
            return InteractiveReply.newBuilder().setError(e.toError());
        } catch (RuntimeException e) {
            LOG.errorf(e, "Request %s (%s) failed", request.getRequestId(), request.getKindCase());
            return InteractiveReply.newBuilder().setError(InteractiveException.internal("The "
                    + request.getKindCase().name().toLowerCase() + " request failed inside the edge ("
                    + e.getClass().getSimpleName() + "); an operator can find request " + request.getRequestId()
                    + " in the service's log").toError());
        }
    }

    /**
     * Stops taking requests; those being answered are finished (for up to 15 seconds) and their replies sent first.
     * Any still unanswered after that stay on the queue and are redelivered.
     */
    @Override
    public void close() {
        closing = true;
        poller.close();
        answering.shutdown();
        try {
            if (!answering.awaitTermination(DRAIN.toMillis(), TimeUnit.MILLISECONDS)) {
                LOG.warnf("Requests on the %s queue still being answered after %d s are left for redelivery",
                        queue, DRAIN.toSeconds());
                answering.shutdownNow();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            answering.shutdownNow();
        }
    }
}
