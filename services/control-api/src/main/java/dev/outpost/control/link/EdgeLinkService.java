package dev.outpost.control.link;

import java.util.Optional;
import java.util.UUID;

import org.jboss.logging.Logger;

import dev.outpost.control.ControlConfig;
import dev.outpost.control.Ids;
import dev.outpost.control.edge.EdgeCredentials;
import dev.outpost.control.edge.EdgeCredentials.Credential;
import dev.outpost.control.edge.EdgeService;
import dev.outpost.control.job.JobEventHandler;
import dev.outpost.proto.edgelink.v1.ControlFrame;
import dev.outpost.proto.edgelink.v1.EdgeEvent;
import dev.outpost.proto.edgelink.v1.EdgeFrame;
import dev.outpost.proto.edgelink.v1.EdgeLinkGrpc;
import dev.outpost.proto.edgelink.v1.EventAck;
import dev.outpost.proto.edgelink.v1.Heartbeat;
import dev.outpost.proto.edgelink.v1.Hello;
import dev.outpost.proto.edgelink.v1.Welcome;
import io.grpc.Status;
import io.grpc.stub.StreamObserver;
import io.quarkus.grpc.GrpcService;
import io.quarkus.grpc.RegisterInterceptor;

/** The EdgeLink server: authenticates edges, delivers their outbox, applies and acknowledges their events. */
@GrpcService
@RegisterInterceptor(EdgeTokenInterceptor.class)
public class EdgeLinkService extends EdgeLinkGrpc.EdgeLinkImplBase {

    private static final Logger LOG = Logger.getLogger(EdgeLinkService.class);

    private final EdgeService edges;
    private final EdgeCredentials credentials;
    private final Outbox outbox;
    private final LinkRegistry links;
    private final JobEventHandler jobEvents;
    private final InteractiveCalls interactive;
    private final ControlConfig config;

    EdgeLinkService(EdgeService edges, EdgeCredentials credentials, Outbox outbox, LinkRegistry links,
            JobEventHandler jobEvents, InteractiveCalls interactive, ControlConfig config) {
        this.edges = edges;
        this.credentials = credentials;
        this.outbox = outbox;
        this.links = links;
        this.jobEvents = jobEvents;
        this.interactive = interactive;
        this.config = config;
    }

    @Override
    public StreamObserver<EdgeFrame> connect(StreamObserver<ControlFrame> out) {
        String token = EdgeTokenInterceptor.TOKEN.get();
        if (token == null) {
            out.onError(Status.UNAUTHENTICATED
                    .withDescription("missing 'authorization: Bearer <edge token>' header").asRuntimeException());
            return new Ignored();
        }
        return new Link(token, out);
    }

    /** The inbound side of one link: a Hello first, then anything. */
    private final class Link implements StreamObserver<EdgeFrame> {

        private final String token;
        private final StreamObserver<ControlFrame> out;
        private final EdgeSession session;

        Link(String token, StreamObserver<ControlFrame> out) {
            this.token = token;
            this.out = out;
            this.session = new EdgeSession(out);
        }

        @Override
        public void onNext(EdgeFrame frame) {
            session.submit(() -> {
                if (session.authenticated()) {
                    handle(frame);
                } else {
                    hello(frame);
                }
            });
        }

        private void hello(EdgeFrame frame) {
            if (!frame.hasHello()) {
                session.terminate(Status.INVALID_ARGUMENT.withDescription("the first frame on a link must be Hello"));
                return;
            }
            Hello hello = frame.getHello();
            Optional<Credential> credential = credentials.authenticate(token);
            if (credential.isEmpty() || !credential.get().edgeId().toString().equals(hello.getEdgeId())) {
                LOG.warnf("Rejected a link claiming edge '%s': unknown or mismatched token",
                        Ids.loggable(hello.getEdgeId()));
                session.terminate(Status.UNAUTHENTICATED
                        .withDescription("the edge token is unknown, revoked, or not the token of edge '"
                                + hello.getEdgeId() + "'"));
                return;
            }
            UUID edgeId = credential.get().edgeId();
            session.authenticate(credential.get());
            edges.linkOpened(edgeId, hello.getAgentVersion(), hello.getReplicaId());
            session.send(ControlFrame.newBuilder()
                    .setWelcome(Welcome.newBuilder()
                            .setEdgeId(hello.getEdgeId())
                            .setHeartbeatIntervalSeconds((int) config.heartbeatInterval().toSeconds()))
                    .build());
            links.register(session);
            LOG.infof("Edge %s linked (plane-manager %s, replica %s)", edgeId, hello.getAgentVersion(),
                    hello.getReplicaId());
        }

        private void handle(EdgeFrame frame) {
            UUID edgeId = session.edgeId();
            switch (frame.getKindCase()) {
                case HEARTBEAT -> {
                    edges.seen(edgeId);
                    session.send(ControlFrame.newBuilder()
                            .setHeartbeat(Heartbeat.newBuilder().setSentAtMillis(System.currentTimeMillis()))
                            .build());
                }
                case COMMAND_ACK -> outbox.acknowledge(edgeId, frame.getCommandAck().getSeq());
                case EVENT -> {
                    event(edgeId, frame.getEvent());
                    session.send(ControlFrame.newBuilder()
                            .setEventAck(EventAck.newBuilder().setEventId(frame.getEvent().getEventId()))
                            .build());
                }
                case HELLO -> LOG.warnf("Edge %s sent a second Hello on one link; ignored", edgeId);
                case KIND_NOT_SET -> LOG.warnf("Edge %s sent an empty frame; ignored", edgeId);
            }
        }

        private void event(UUID edgeId, EdgeEvent event) {
            switch (event.getKindCase()) {
                case JOB -> jobEvents.apply(edgeId, event.getEventId(), event.getJob());
                case INTERACTIVE_REPLY -> interactive.complete(edgeId, event.getInteractiveReply());
                case KIND_NOT_SET -> LOG.warnf("Edge %s sent event %s without content; acknowledged and ignored",
                        edgeId, event.getEventId());
            }
        }

        @Override
        public void onError(Throwable t) {
            end("failed: " + Status.fromThrowable(t), false);
        }

        @Override
        public void onCompleted() {
            end("closed by the edge", true);
        }

        private void end(String how, boolean completeOutbound) {
            session.submit(() -> {
                if (completeOutbound) {
                    out.onCompleted();
                }
                if (session.authenticated()) {
                    links.unregister(session);
                    if (!links.isLinkedHere(session.edgeId()) && !links.closing()) {
                        edges.linkClosed(session.edgeId());
                    }
                    LOG.infof("Link of edge %s %s", session.edgeId(), how);
                }
            });
            session.closed();
        }
    }

    /** The inbound side of a call rejected before it started. */
    private static final class Ignored implements StreamObserver<EdgeFrame> {
        @Override
        public void onNext(EdgeFrame frame) {
        }

        @Override
        public void onError(Throwable t) {
        }

        @Override
        public void onCompleted() {
        }
    }
}
