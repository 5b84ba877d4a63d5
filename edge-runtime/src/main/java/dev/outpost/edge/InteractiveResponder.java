package dev.outpost.edge;

import java.time.Duration;
import java.util.Map;
import java.util.stream.Collectors;

import org.jboss.logging.Logger;

import dev.outpost.proto.interactive.v1.InteractiveReply;
import dev.outpost.proto.interactive.v1.InteractiveRequest;
import dev.outpost.sqs.OutpostQueue;
import dev.outpost.sqs.QueueClient;
import dev.outpost.sqs.QueuePoller;
import dev.outpost.sqs.Received;

/**
 * Serves one kind of {@link InteractiveRequest} from one queue: every request gets exactly one
 * {@link InteractiveReply} on {@link OutpostQueue#REPLIES} (an answer or an error), and is deleted only once that reply
 * is on the queue. If the reply cannot be sent, the request stays on its queue and SQS redelivers it.
 *
 * <p>A person is waiting for every reply, so failures become error replies rather than silent redeliveries: an
 * {@link InteractiveException} carries its own code and message; any other exception is logged here (without the
 * request, which may name data) and answered with {@code INTERNAL}.
 */
public final class InteractiveResponder implements AutoCloseable {

    /** Answers one request of the served kind. */
    @FunctionalInterface
    public interface Answerer {
        /**
         * @return the reply without its request id, which the responder sets
         * @throws InteractiveException when the request cannot be served, with a reason for the person who asked
         */
        InteractiveReply.Builder answer(InteractiveRequest request);
    }

    private static final Logger LOG = Logger.getLogger(InteractiveResponder.class);

    private final QueueClient queues;
    private final OutpostQueue queue;
    private final Map<InteractiveRequest.KindCase, Answerer> answerers;
    private final QueuePoller<InteractiveRequest> poller;

    private InteractiveResponder(QueueClient queues, OutpostQueue queue,
            Map<InteractiveRequest.KindCase, Answerer> answerers, Duration visibility) {
        this.queues = queues;
        this.queue = queue;
        this.answerers = Map.copyOf(answerers);
        this.poller = QueuePoller.start(queues, queue, InteractiveRequest.getDefaultInstance(), visibility,
                this::respond);
    }

    /**
     * Starts answering the requests of {@code kind} that arrive on {@code queue}; requests of any other kind get an
     * {@code INVALID_REQUEST} reply.
     *
     * @param visibility how long a request stays invisible to other replicas while it is answered
     */
    public static InteractiveResponder start(QueueClient queues, OutpostQueue queue, InteractiveRequest.KindCase kind,
            Duration visibility, Answerer answerer) {
        return start(queues, queue, Map.of(kind, answerer), visibility);
    }

    /**
     * Starts answering the requests of every kind in {@code answerers} that arrive on {@code queue}, each with its own
     * answerer; requests of any other kind get an {@code INVALID_REQUEST} reply.
     *
     * @param visibility how long a request stays invisible to other replicas while it is answered
     */
    public static InteractiveResponder start(QueueClient queues, OutpostQueue queue,
            Map<InteractiveRequest.KindCase, Answerer> answerers, Duration visibility) {
        return new InteractiveResponder(queues, queue, answerers, visibility);
    }

    private boolean respond(Received<InteractiveRequest> received) {
        InteractiveRequest request = received.body();
        InteractiveReply.Builder reply = answerOrError(request).setRequestId(request.getRequestId());
        queues.send(OutpostQueue.REPLIES, reply.build());
        LOG.debugf("Answered %s request %s with %s", request.getKindCase(), request.getRequestId(),
                reply.getKindCase());
        return true;
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

    /** Stops taking requests; the one being answered is finished first. */
    @Override
    public void close() {
        poller.close();
    }
}
