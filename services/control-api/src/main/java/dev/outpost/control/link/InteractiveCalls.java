package dev.outpost.control.link;

import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;

import dev.outpost.control.ControlConfig;
import dev.outpost.control.auth.Caller;
import dev.outpost.control.edge.EdgeService;
import dev.outpost.control.edge.EdgeView;
import dev.outpost.control.error.EdgeRejectedException;
import dev.outpost.control.error.EdgeUnavailableException;
import dev.outpost.proto.edgelink.v1.Command;
import dev.outpost.proto.interactive.v1.InteractiveReply;
import dev.outpost.proto.interactive.v1.InteractiveRequest;

/**
 * Request/reply with an edge for a person who is waiting (browse files, read failing rows). The request goes
 * through the outbox like every command (with an expiry) and is removed from it once the caller stops waiting, since it
 * may carry what the person typed (a filter value); the reply is handed to the waiting caller in memory and is never
 * persisted or logged, because it may carry a {@code TransientView} of customer rows.
 */
@ApplicationScoped
public class InteractiveCalls {

    /** A caller waiting for the answer of the edge it asked. */
    private record Waiting(UUID edgeId, CompletableFuture<InteractiveReply> reply) {
    }

    private static final Logger LOG = Logger.getLogger(InteractiveCalls.class);

    private final Map<String, Waiting> waiting = new ConcurrentHashMap<>();
    private final Outbox outbox;
    private final EdgeService edges;
    private final ControlConfig config;

    InteractiveCalls(Outbox outbox, EdgeService edges, ControlConfig config) {
        this.outbox = outbox;
        this.edges = edges;
        this.config = config;
    }

    /**
     * Sends {@code request} (its request id and requester are set here) to the edge and waits for the answer. The
     * requester, the caller's API key id, lets the edge's egress audit log say whom a transient view was shown to.
     *
     * @throws EdgeUnavailableException when the edge is disconnected or does not answer in time
     * @throws EdgeRejectedException    when the edge answers with an error
     */
    public InteractiveReply call(Caller caller, UUID edgeId, InteractiveRequest.Builder request) {
        EdgeView edge = edges.get(edgeId);
        if (!edge.connected()) {
            throw new EdgeUnavailableException("Edge '" + edge.name() + "' is disconnected (last seen "
                    + (edge.lastSeenAt() == null ? "never" : edge.lastSeenAt()) + "): start its plane-manager, "
                    + "then try again");
        }
        String requestId = UUID.randomUUID().toString();
        CompletableFuture<InteractiveReply> reply = new CompletableFuture<>();
        waiting.put(requestId, new Waiting(edgeId, reply));
        long seq = -1;
        try {
            request.setRequestId(requestId)
                    .setRequestedBy(caller.apiKeyId() == null ? "" : "api-key " + caller.apiKeyId());
            seq = outbox.append(edgeId, Command.newBuilder().setInteractive(request),
                    Instant.now().plus(config.interactiveTimeout()));
            InteractiveReply answer = reply.get(config.interactiveTimeout().toMillis(), TimeUnit.MILLISECONDS);
            if (answer.hasError()) {
                throw new EdgeRejectedException(answer.getError().getCode(), answer.getError().getMessage());
            }
            return answer;
        } catch (TimeoutException e) {
            throw new EdgeUnavailableException("Edge '" + edge.name() + "' did not answer within "
                    + config.interactiveTimeout().toSeconds() + " s; check its plane-manager and interactive "
                    + "services, then try again");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new EdgeUnavailableException("Interrupted while waiting for edge '" + edge.name() + "'");
        } catch (ExecutionException e) {
            throw new IllegalStateException("Reply future failed", e.getCause());
        } finally {
            waiting.remove(requestId);
            if (seq >= 0) {
                outbox.forget(edgeId, seq);
            }
        }
    }

    /**
     * Hands a reply from {@code edgeId} to its waiting caller; a reply nobody waits for any more is dropped, and so is
     * a reply to a request sent to another edge (logged with ids only: the reply may carry customer rows).
     */
    void complete(UUID edgeId, InteractiveReply reply) {
        Waiting caller = waiting.get(reply.getRequestId());
        if (caller != null && !caller.edgeId().equals(edgeId)) {
            LOG.warnf("Edge %s answered interactive request %s, which was sent to edge %s; dropped", edgeId,
                    reply.getRequestId(), caller.edgeId());
            return;
        }
        if (caller != null && waiting.remove(reply.getRequestId(), caller)) {
            caller.reply().complete(reply);
        }
    }
}
