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
    /** The highest command acknowledged; a resent command at or below it is acknowledged again, not redone. */
    private long highestAcked;

    EdgeLinkClient(@GrpcClient("control") Channel control, EdgeConfig config, EdgeIdentity identity,
            CommandHandler commands, EventForwarder events, EgressAudit audit) {
        this.stub = EdgeLinkGrpc.newStub(control);
        this.config = config;
        this.identity = identity;
        this.commands = commands;
        this.events = events;
        this.audit = audit;
        this.backoff = config.reconnectMin();
    }

    void start(@Observes StartupEvent startup) {
        scheduler.execute(this::connect);
    }

    /** Whether the link is open and welcomed. */
    public boolean linked() {
        Connection connection = current;
        return connection != null && connection.welcomed;
    }

    /** Why the edge is not linked, for operators; meaningful only while {@link #linked()} is false. */
    public String notLinkedReason() {
        String loss = lastLoss;
        return loss == null ? "waiting for control-api's Welcome" : loss;
    }

    private void connect() {
        if (stopping) {
            return;
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
            scheduler.schedule(this::connect, wait.toMillis(), TimeUnit.MILLISECONDS);
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
        private volatile boolean welcomed;
        private ScheduledFuture<?> heartbeats;

        @Override
        public void beforeStart(ClientCallStreamObserver<EdgeFrame> requestStream) {
            this.outbound = requestStream;
        }

        /** The one place frames leave the edge, so the egress audit sees every one of them. */
        synchronized void send(EdgeFrame frame) {
            outbound.onNext(frame);
            audit.sent(frame);
        }

        void sendEvent(EdgeEvent event) {
            send(EdgeFrame.newBuilder().setEvent(event).build());
        }

        synchronized void cancel(String why) {
            outbound.cancel(why, null);
        }

        synchronized void close() {
            outbound.onCompleted();
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
