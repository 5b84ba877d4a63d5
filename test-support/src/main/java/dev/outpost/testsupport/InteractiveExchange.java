package dev.outpost.testsupport;

import java.time.Duration;
import java.time.Instant;
import java.util.UUID;

import dev.outpost.proto.interactive.v1.InteractiveReply;
import dev.outpost.proto.interactive.v1.InteractiveRequest;
import dev.outpost.sqs.OutpostQueue;
import dev.outpost.sqs.QueueClient;
import dev.outpost.sqs.Received;

/** Plays plane-manager's part in tests of an interactive service: puts a request on its queue, awaits the reply. */
public final class InteractiveExchange {

    private InteractiveExchange() {
    }

    /**
     * Sends {@code request} (with a fresh request id) on {@code queue} and returns the reply to it from the
     * {@code replies} queue, deleting every reply it reads.
     *
     * @throws AssertionError when no reply arrives within {@code deadline}
     */
    public static InteractiveReply ask(QueueClient queues, OutpostQueue queue, InteractiveRequest.Builder request,
            Duration deadline) {
        String requestId = UUID.randomUUID().toString();
        queues.send(queue, request.setRequestId(requestId).build());
        return replyTo(queues, requestId, deadline);
    }

    /**
     * Returns the reply to the request {@code requestId} from the {@code replies} queue, deleting every reply it reads
     * (for a request sent without {@link #ask}, e.g. to have several in flight at once).
     *
     * @throws AssertionError when no reply arrives within {@code deadline}
     */
    public static InteractiveReply replyTo(QueueClient queues, String requestId, Duration deadline) {
        Instant until = Instant.now().plus(deadline);
        while (Instant.now().isBefore(until)) {
            for (Received<InteractiveReply> reply : queues.receive(OutpostQueue.REPLIES,
                    InteractiveReply.getDefaultInstance(), 10, Duration.ofSeconds(1), Duration.ofSeconds(30))) {
                queues.delete(reply);
                if (reply.body().getRequestId().equals(requestId)) {
                    return reply.body();
                }
            }
        }
        throw new AssertionError("no reply to request " + requestId + " within " + deadline);
    }
}
