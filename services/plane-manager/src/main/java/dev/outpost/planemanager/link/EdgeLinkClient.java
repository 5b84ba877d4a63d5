package dev.outpost.planemanager.link;

import java.time.Duration;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;

import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import org.jboss.logging.Logger;

import dev.outpost.planemanager.EdgeConfig;
import dev.outpost.planemanager.EdgeIdentity;
import dev.outpost.planemanager.command.CommandHandler;
import dev.outpost.planemanager.egress.EgressAudit;
import dev.outpost.planemanager.forward.EventForwarder;
import dev.outpost.planemanager.launch.Leadership;
import dev.outpost.proto.edgelink.v1.Command;
import dev.outpost.proto.edgelink.v1.CommandAck;
import dev.outpost.proto.edgelink.v1.ControlFrame;
import dev.outpost.proto.edgelink.v1.EdgeEvent;
import dev.outpost.proto.edgelink.v1.EdgeFrame;
import dev.outpost.proto.edgelink.v1.EdgeLinkGrpc;
import dev.outpost.proto.edgelink.v1.Heartbeat;
import dev.outpost.proto.edgelink.v1.Hello;
import io.grpc.Channel;
import io.grpc.Metadata;
import io.grpc.Status;
import io.grpc.stub.ClientCallStreamObserver;
import io.grpc.stub.ClientResponseObserver;
import io.grpc.stub.MetadataUtils;
import io.quarkus.grpc.GrpcClient;
import io.quarkus.runtime.StartupEvent;

/**
 * The edge's side of EdgeLink: opens the link outbound, keeps it alive with heartbeats, reconnects with exponential
 * backoff and jitter, handles commands in order (acknowledging each only once it is durable) and carries events.
 *
 * <p>Only the leading replica links ({@link Leadership}): control-api keeps one link per edge and replaces an older
 * one with a newer one, so two linking replicas would knock each other off. Leadership is checked every
 * {@code outpost.edge.reconnect-min}; a replica that starts leading links at the next check, and one that stops
 * leading closes its link cleanly (half-close, as on shutdown) at the next check, so the new leader's link is the
 * only one. Commands and events travel only on the current link, so they stop with it.
 */
@ApplicationScoped
public class EdgeLinkClient {

    private static final Logger LOG = Logger.getLogger(EdgeLinkClient.class);
    private static final Metadata.Key<String> AUTHORIZATION = Metadata.Key.of("authorization",
            Metadata.ASCII_STRING_MARSHALLER);

    private final EdgeLinkGrpc.EdgeLinkStub stub;
    private final EdgeConfig config;
    private final EdgeIdentity identity;
    private final CommandHandler commands;
    private final EventForwarder events;
    private final EgressAudit audit;
    private final Leadership leadership;
    private final ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor(
            Thread.ofPlatform().name("edge-link").daemon().factory());
    /** Commands are handled one at a time, in sequence order. */
    private final ExecutorService commandExecutor = Executors.newSingleThreadExecutor(
            Thread.ofPlatform().name("edge-commands").daemon().factory());

    private volatile Connection current;
    private volatile boolean stopping;
    /** Why the last link ended, for readiness; null while none has ended yet. */
    private volatile String lastLoss;
    private Duration backoff;
    /** The reconnect waiting out its backoff, if any; touched only on the scheduler thread. */
    private ScheduledFuture<?> reconnect;
    /** The highest command acknowledged; a resent command at or below it is acknowledged again, not redone. */
    private long highestAcked;

    EdgeLinkClient(@GrpcClient("control") Channel control, EdgeConfig config, EdgeIdentity identity,
            CommandHandler commands, EventForwarder events, EgressAudit audit, Leadership leadership) {
        this.stub = EdgeLinkGrpc.newStub(control);
        this.config = config;
        this.identity = identity;
        this.commands = commands;
        this.events = events;
        this.audit = audit;
        this.leadership = leadership;
        this.backoff = config.reconnectMin();
    }

    void start(@Observes StartupEvent startup) {
        long period = config.reconnectMin().toMillis();
        scheduler.scheduleWithFixedDelay(this::followLeadership, 0, period, TimeUnit.MILLISECONDS);
    }

    /** Whether the link is open and welcomed. */
    public boolean linked() {
        Connection connection = current;
        return connection != null && connection.welcomed;
    }

    /** Whether this replica leads, and so holds (or is opening) the edge's link; a standby leaves it to the leader. */
    public boolean leading() {
        return leadership.isLeader();
    }

    /** Why the edge is not linked, for operators; meaningful only while {@link #linked()} is false. */
    public String notLinkedReason() {
        String loss = lastLoss;
        return loss == null ? "waiting for control-api's Welcome" : loss;
    }

    /** Links when this replica leads and has no link (and none is waiting out its backoff); unlinks when not. */
    private void followLeadership() {
        try {
            boolean leads = leadership.isLeader();
            Connection connection = current;
            if (!leads && connection != null) {
                standDown(connection);
            } else if (leads && connection == null && reconnect == null) {
                connect();
            }
        } catch (RuntimeException e) {
            // Thrown out of a periodic task it would end the checks, and with them the link, for good.
            LOG.errorf(e, "Following leadership failed; checking again in %d ms", config.reconnectMin().toMillis());
        }
    }

    /** This replica stopped leading: closes its link cleanly, so control-api sees the edge leave, not fail. */
    private void standDown(Connection connection) {
        current = null;
        connection.stopHeartbeats();
        events.linkDown();
        connection.close();
        lastLoss = "closed: this replica stopped leading";
        backoff = config.reconnectMin();
        LOG.infof("Replica %s no longer leads: closed its link to control-api, the leader links", identity.replicaId());
    }

    private void connect() {
        reconnect = null;
        if (stopping || current != null || !leadership.isLeader()) {
            return; // a standby links once it leads (followLeadership)
        }
        Metadata headers = new Metadata();
        headers.put(AUTHORIZATION, "Bearer " + config.token());
        Connection connection = new Connection();
        current = connection;
        stub.withInterceptors(MetadataUtils.newAttachHeadersInterceptor(headers)).connect(connection);
        connection.send(EdgeFrame.newBuilder()
                .setHello(Hello.newBuilder().setEdgeId(identity.edgeId()).setAgentVersion(identity.agentVersion())
                        .setReplicaId(identity.replicaId()))
                .build());
    }

    private void lost(Connection connection, Throwable cause) {
        if (stopping) {
            return; // stop() has taken the link down and shut the scheduler
        }
        scheduler.execute(() -> {
            if (current != connection) {
                return;
            }
            lastLoss = describe(cause);
            current = null;
            connection.stopHeartbeats();
            events.linkDown();
            if (stopping) {
                return;
            }
            Duration wait = backoff.plusMillis(ThreadLocalRandom.current().nextLong(backoff.toMillis() / 4 + 1));
            LOG.warnf("Link to control-api lost (%s); reconnecting in %d ms", lastLoss, wait.toMillis());
            backoff = backoff.multipliedBy(2).compareTo(config.reconnectMax()) > 0 ? config.reconnectMax()
                    : backoff.multipliedBy(2);
            reconnect = scheduler.schedule(this::connect, wait.toMillis(), TimeUnit.MILLISECONDS);
        });
    }

    /** Why a link ended, with what to do when the cause is a certificate the edge does not trust. */
    static String describe(Throwable cause) {
        if (cause == null) {
            return "closed by control-api";
        }
        for (Throwable t = cause; t != null; t = t.getCause()) {
            if (t instanceof javax.net.ssl.SSLException) {
                return "TLS handshake with control-api failed: " + t.getMessage() + ". If control-api's certificate "
                        + "is not trusted, set outpost.edge.control-plane-ca to the control plane's CA bundle (the "
                        + "chart's controlPlane.caBundle)";
            }
        }
        return Status.fromThrowable(cause).toString();
    }

    private void handle(Connection connection, Command command) {
        if (current != connection) {
            return; // arrived after this link ended: control-api sends it again on the leader's link, unacknowledged
        }
        try {
            synchronized (this) {
                if (command.getSeq() > highestAcked) {
                    commands.handle(command);
                    highestAcked = command.getSeq();
                }
            }
            connection.send(EdgeFrame.newBuilder().setCommandAck(CommandAck.newBuilder().setSeq(command.getSeq()))
                    .build());
        } catch (RuntimeException e) {
            // Not durable, so not acknowledged. Dropping the link makes control-api send it again on the next one.
            LOG.errorf("Command %d could not be made durable (%s); reconnecting so it is sent again",
                    command.getSeq(), e.getMessage());
            connection.cancel("command " + command.getSeq() + " failed");
        }
    }

    @PreDestroy
    void stop() {
        stopping = true;
        Connection connection = current;
        if (connection != null) {
            connection.close();
        }
        events.linkDown();
        scheduler.shutdownNow();
        commandExecutor.shutdownNow();
        audit.close(); // last: every frame this replica sent is recorded by now
    }

    /** One attempt at a link. */
    private final class Connection implements ClientResponseObserver<EdgeFrame, ControlFrame> {

        private ClientCallStreamObserver<EdgeFrame> outbound;
        /** Closed or cancelled by this side: gRPC refuses further frames, so they are dropped (not acknowledged). */
        private boolean ended;
        private volatile boolean welcomed;
        private ScheduledFuture<?> heartbeats;

        @Override
        public void beforeStart(ClientCallStreamObserver<EdgeFrame> requestStream) {
            this.outbound = requestStream;
        }

        /** The one place frames leave the edge, so the egress audit sees every one of them. */
        synchronized void send(EdgeFrame frame) {
            if (ended) {
                return;
            }
            outbound.onNext(frame);
            audit.sent(frame);
        }

        void sendEvent(EdgeEvent event) {
            send(EdgeFrame.newBuilder().setEvent(event).build());
        }

        synchronized void cancel(String why) {
            if (!ended) {
                ended = true;
                outbound.cancel(why, null);
            }
        }

        synchronized void close() {
            if (!ended) {
                ended = true;
                outbound.onCompleted();
            }
        }

        void stopHeartbeats() {
            if (heartbeats != null) {
                heartbeats.cancel(false);
            }
        }

        @Override
        public void onNext(ControlFrame frame) {
            switch (frame.getKindCase()) {
                case WELCOME -> scheduler.execute(() -> welcomed(frame.getWelcome().getHeartbeatIntervalSeconds()));
                case COMMAND -> commandExecutor.execute(() -> handle(this, frame.getCommand()));
                case EVENT_ACK -> events.acknowledged(frame.getEventAck().getEventId());
                case HEARTBEAT, KIND_NOT_SET -> {
                    // Heartbeats only prove the link is alive; the transport already noticed.
                }
            }
        }

        private void welcomed(int heartbeatSeconds) {
            if (current != this) {
                return;
            }
            welcomed = true;
            backoff = config.reconnectMin();
            long period = Math.max(1, heartbeatSeconds);
            heartbeats = scheduler.scheduleAtFixedRate(() -> send(EdgeFrame.newBuilder()
                    .setHeartbeat(Heartbeat.newBuilder().setSentAtMillis(System.currentTimeMillis())).build()),
                    period, period, TimeUnit.SECONDS);
            events.linkUp(this::sendEvent);
            LOG.infof("Linked to control-api as edge %s (replica %s, version %s)", identity.edgeId(),
                    identity.replicaId(), identity.agentVersion());
        }

        @Override
        public void onError(Throwable t) {
            lost(this, t);
        }

        @Override
        public void onCompleted() {
            lost(this, null);
        }
    }
}
