package dev.outpost.planemanager;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Predicate;

import dev.outpost.proto.edgelink.v1.ControlFrame;
import dev.outpost.proto.edgelink.v1.EdgeFrame;
import dev.outpost.proto.edgelink.v1.EdgeLinkGrpc;
import dev.outpost.pki.TlsFiles;
import dev.outpost.proto.edgelink.v1.Welcome;
import dev.outpost.testsupport.TlsTestResource;
import io.grpc.Contexts;
import io.grpc.Metadata;
import io.grpc.Server;
import io.grpc.Grpc;
import io.grpc.ServerInterceptor;
import io.grpc.ServerInterceptors;
import io.grpc.Status;
import io.grpc.TlsServerCredentials;
import io.grpc.stub.StreamObserver;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

/**
 * The control end of EdgeLink for plane-manager's tests: a real gRPC server over TLS 1.3 (certificate from the test
 * CA, which plane-manager is configured to trust) on a real port whose behaviour the test
 * scripts (which commands to send, when to acknowledge). The real control-api is exercised against plane-manager in
 * integration-tests; here the point is to observe every frame plane-manager sends.
 */
public class ScriptedControlPlane implements QuarkusTestResourceLifecycleManager {

    static final String EDGE_ID = "5f0c1d52-7f53-4d55-9a54-0c6f5f7f2b10";
    static final String TOKEN = "opt_test-token";

    private static final io.grpc.Context.Key<String> AUTHORIZATION = io.grpc.Context.key("authorization");
    private static final BlockingQueue<Received> FRAMES = new LinkedBlockingQueue<>();
    private static volatile StreamObserver<ControlFrame> link;
    /** While set, every link is refused at its Hello, as by a control plane that is down. */
    private static volatile boolean refusing;
    /** Command sequence numbers, increasing across tests as in a real outbox (the edge ignores repeats). */
    private static final AtomicLong SEQ = new AtomicLong();
    /** Links the edge closed cleanly (half-closed), as control-api sees a replica leave. */
    private static final AtomicInteger CLOSED_BY_EDGE = new AtomicInteger();
    private Server server;

    /** A frame plane-manager sent, with the authorization header of its link. */
    record Received(EdgeFrame frame, String authorization) {
    }

    @Override
    public Map<String, String> start() {
        ServerInterceptor headers = new ServerInterceptor() {
            @Override
            public <Q, R> io.grpc.ServerCall.Listener<Q> interceptCall(io.grpc.ServerCall<Q, R> call, Metadata md,
                    io.grpc.ServerCallHandler<Q, R> next) {
                String value = md.get(Metadata.Key.of("authorization", Metadata.ASCII_STRING_MARSHALLER));
                return Contexts.interceptCall(io.grpc.Context.current().withValue(AUTHORIZATION, value), call, md, next);
            }
        };
        try {
            TlsFiles tls = TlsTestResource.files();
            server = Grpc.newServerBuilderForPort(0,
                    TlsServerCredentials.create(tls.serverCertificate().toFile(), tls.serverKey().toFile()))
                    .addService(ServerInterceptors.intercept(new Service(), headers))
                    .build()
                    .start();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        String port = Integer.toString(server.getPort());
        return Map.of(
                "quarkus.grpc.clients.control.host", "localhost",
                "quarkus.grpc.clients.control.port", port,
                "quarkus.grpc.clients.control.test-port", port,
                "outpost.edge.id", EDGE_ID,
                "outpost.edge.token", TOKEN);
    }

    @Override
    public void stop() {
        server.shutdownNow();
    }

    /** Sends a frame to the currently linked plane-manager. */
    static void send(ControlFrame frame) {
        link.onNext(frame);
    }

    /** Ends the current link from the control side. */
    static void dropLink() {
        link.onError(Status.UNAVAILABLE.withDescription("test drops the link").asRuntimeException());
    }

    /** The next command sequence number. */
    static long nextSeq() {
        return SEQ.incrementAndGet();
    }

    /** Refuses every new link from now on (true) or welcomes them again (false). */
    static void refuseLinks(boolean refuse) {
        refusing = refuse;
    }

    /** How many links the edge has closed cleanly so far. */
    static int closedByEdge() {
        return CLOSED_BY_EDGE.get();
    }

    /** Drops the frames received so far, so that the next {@link #expect} sees only newer ones. */
    static void forgetFrames() {
        FRAMES.clear();
    }

    /** Whether a frame matching {@code what} arrives within {@code window}, skipping others. */
    static boolean arrives(Predicate<EdgeFrame> what, Duration window) throws InterruptedException {
        Instant deadline = Instant.now().plus(window);
        while (Instant.now().isBefore(deadline)) {
            Received received = FRAMES.poll(100, TimeUnit.MILLISECONDS);
            if (received != null && what.test(received.frame())) {
                return true;
            }
        }
        return false;
    }

    /** The next frame matching {@code what}, skipping others; fails after a deadline. */
    static Received expect(Predicate<EdgeFrame> what) throws InterruptedException {
        Instant deadline = Instant.now().plus(Duration.ofSeconds(20));
        while (Instant.now().isBefore(deadline)) {
            Received received = FRAMES.poll(100, TimeUnit.MILLISECONDS);
            if (received != null && what.test(received.frame())) {
                return received;
            }
        }
        throw new AssertionError("plane-manager sent no expected frame within 20 s");
    }

    private static final class Service extends EdgeLinkGrpc.EdgeLinkImplBase {
        @Override
        public StreamObserver<EdgeFrame> connect(StreamObserver<ControlFrame> out) {
            String authorization = AUTHORIZATION.get();
            return new StreamObserver<>() {
                @Override
                public void onNext(EdgeFrame frame) {
                    if (frame.hasHello() && refusing) {
                        out.onError(Status.UNAVAILABLE.withDescription("control plane refuses links in this test")
                                .asRuntimeException());
                        return;
                    }
                    if (frame.hasHello()) {
                        synchronized (ScriptedControlPlane.class) {
                            link = out;
                            out.onNext(ControlFrame.newBuilder().setWelcome(Welcome.newBuilder()
                                    .setEdgeId(frame.getHello().getEdgeId()).setHeartbeatIntervalSeconds(1)).build());
                        }
                    }
                    FRAMES.add(new Received(frame, authorization));
                }

                @Override
                public void onError(Throwable t) {
                }

                @Override
                public void onCompleted() {
                    CLOSED_BY_EDGE.incrementAndGet();
                    out.onCompleted(); // as control-api does
                }
            };
        }
    }
}
