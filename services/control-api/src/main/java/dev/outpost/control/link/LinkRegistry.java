package dev.outpost.control.link;

import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.TransactionPhase;

import dev.outpost.control.ControlConfig;
import io.grpc.Status;
import io.quarkus.runtime.ShutdownEvent;

/**
 * The links open on this control-api replica, one per edge. Delivers commands as soon as they are committed, and
 * polls every linked edge's outbox so commands stored by another replica are delivered too.
 */
@ApplicationScoped
public class LinkRegistry {

    private final Map<UUID, EdgeSession> sessions = new ConcurrentHashMap<>();
    private final Outbox outbox;
    private final ControlConfig config;
    private ScheduledExecutorService poller;
    private volatile boolean closing;

    LinkRegistry(Outbox outbox, ControlConfig config) {
        this.outbox = outbox;
        this.config = config;
    }

    @PostConstruct
    void startPolling() {
        poller = Executors.newSingleThreadScheduledExecutor(Thread.ofPlatform().name("outbox-poll").daemon().factory());
        long period = config.outboxPollInterval().toMillis();
        poller.scheduleWithFixedDelay(() -> sessions.values().forEach(this::deliver), period, period,
                TimeUnit.MILLISECONDS);
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
