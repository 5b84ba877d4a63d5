package dev.outpost.control.link;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.TransactionPhase;

import org.jboss.logging.Logger;

import dev.outpost.control.ControlConfig;
import dev.outpost.control.edge.EdgeCredentials;
import dev.outpost.control.edge.EdgeCredentials.Credential;
import dev.outpost.control.edge.EdgeRemoved;
import io.grpc.Status;
import io.quarkus.runtime.ShutdownEvent;

/**
 * The links open on this control-api replica, one per edge. Delivers commands as soon as they are committed, and
 * polls every linked edge's outbox so commands stored by another replica are delivered too. The same poll closes links
 * whose token is no longer accepted (the edge was removed, possibly on another replica, or a rotation's grace period
 * ended); a removal made on this replica closes its link at once.
 */
@ApplicationScoped
public class LinkRegistry {

    private static final Logger LOG = Logger.getLogger(LinkRegistry.class);

    private final Map<UUID, EdgeSession> sessions = new ConcurrentHashMap<>();
    private final Outbox outbox;
    private final EdgeCredentials credentials;
    private final ControlConfig config;
    private ScheduledExecutorService poller;
    private volatile boolean closing;

    LinkRegistry(Outbox outbox, EdgeCredentials credentials, ControlConfig config) {
        this.outbox = outbox;
        this.credentials = credentials;
        this.config = config;
    }

    @PostConstruct
    void startPolling() {
        poller = Executors.newSingleThreadScheduledExecutor(Thread.ofPlatform().name("outbox-poll").daemon().factory());
        long period = config.outboxPollInterval().toMillis();
        poller.scheduleWithFixedDelay(this::poll, period, period, TimeUnit.MILLISECONDS);
    }

    private void poll() {
        closeRevoked();
        sessions.values().forEach(this::deliver);
    }

    private void closeRevoked() {
        try {
            List<EdgeSession> open = List.copyOf(sessions.values());
            Set<Credential> rejected = credentials.rejected(open.stream().map(EdgeSession::credential).toList());
            // Not recorded as a closed link: the edge may hold a link with its new token on another replica; with no
            // link, its status turns disconnected when its heartbeats stop.
            open.stream().filter(session -> rejected.contains(session.credential())).forEach(session -> close(session,
                    "its token is no longer accepted (the edge was removed, or its token was rotated and the grace "
                            + "period is over): configure the edge's current token"));
        } catch (RuntimeException e) {
            // A failed check (database briefly unreachable) must not end the poller; the next round checks again.
            LOG.warnf(e, "Could not check the credentials of %d open links; retrying", sessions.size());
        }
    }

    void onEdgeRemoved(@Observes(during = TransactionPhase.AFTER_SUCCESS) EdgeRemoved event) {
        EdgeSession session = sessions.get(event.edgeId());
        if (session != null) {
            close(session, "the edge was removed");
        }
    }

    /** Ends {@code session} with UNAUTHENTICATED, unless a newer link of the edge has replaced it meanwhile. */
    private void close(EdgeSession session, String why) {
        if (sessions.remove(session.edgeId(), session)) {
            LOG.infof("Closing the link of edge %s: %s", session.edgeId(), why);
            session.terminate(Status.UNAUTHENTICATED.withDescription("link closed: " + why));
        }
    }

    void stop(@Observes ShutdownEvent shutdown) {
        closing = true;
        poller.shutdownNow();
        sessions.values().forEach(s -> s.terminate(Status.UNAVAILABLE.withDescription("control-api is shutting down")));
    }

    /**
     * Whether this replica is shutting down. Links ending then are not recorded as closed: the database may already
     * be gone, and the edges reconnect to another replica at once. A link that does not come back shows as
     * disconnected once its heartbeats stop.
     */
    boolean closing() {
        return closing;
    }

    /** Makes {@code session} the edge's link, ending the link it replaces, and delivers its pending commands. */
    void register(EdgeSession session) {
        EdgeSession previous = sessions.put(session.edgeId(), session);
        if (previous != null && previous != session) {
            previous.terminate(Status.ABORTED.withDescription("replaced by a newer link of the same edge"));
        }
        deliver(session);
    }

    /** Forgets {@code session} if it is still the edge's current link. */
    void unregister(EdgeSession session) {
        sessions.remove(session.edgeId(), session);
    }

    /** Whether the edge has a link open on this replica. */
    public boolean isLinkedHere(UUID edgeId) {
        return sessions.containsKey(edgeId);
    }

    void onCommandQueued(@Observes(during = TransactionPhase.AFTER_SUCCESS) CommandQueued event) {
        EdgeSession session = sessions.get(event.edgeId());
        if (session != null) {
            deliver(session);
        }
    }

    private void deliver(EdgeSession session) {
        session.submit(() -> session.deliver(outbox));
    }
}
