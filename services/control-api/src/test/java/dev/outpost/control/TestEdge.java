package dev.outpost.control;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

import dev.outpost.proto.edgelink.v1.CommandAck;
import dev.outpost.proto.edgelink.v1.ControlFrame;
import dev.outpost.proto.edgelink.v1.EdgeEvent;
import dev.outpost.proto.edgelink.v1.EdgeFrame;
import dev.outpost.proto.edgelink.v1.EdgeLinkGrpc;
import dev.outpost.proto.edgelink.v1.Hello;
import dev.outpost.proto.job.v1.JobEvent;
import io.grpc.Channel;
import io.grpc.Metadata;
import io.grpc.Status;
import io.grpc.stub.MetadataUtils;
import io.grpc.stub.StreamObserver;

/**
 * The edge end of an EdgeLink, driven by a test: sends frames plane-manager would send and records what control-api
 * answers. It speaks the real protocol over a real connection; only the edge's behaviour is scripted.
 */
final class TestEdge implements StreamObserver<ControlFrame>, AutoCloseable {

    private static final Duration WAIT = Duration.ofSeconds(10);

    private final BlockingQueue<ControlFrame> received = new LinkedBlockingQueue<>();
    private volatile Status closedWith;
    private StreamObserver<EdgeFrame> out;

    static TestEdge connect(Channel channel, String token, String edgeId) {
        return connect(channel, token, Hello.newBuilder().setEdgeId(edgeId).setAgentVersion("test").build());
    }

    /** Opens a link that introduces itself with {@code hello} (version, replica). */
    static TestEdge connect(Channel channel, String token, Hello hello) {
        Metadata headers = new Metadata();
        headers.put(Metadata.Key.of("authorization", Metadata.ASCII_STRING_MARSHALLER), "Bearer " + token);
        TestEdge edge = new TestEdge();
        edge.out = EdgeLinkGrpc.newStub(channel)
                .withInterceptors(MetadataUtils.newAttachHeadersInterceptor(headers))
                .connect(edge);
        edge.send(EdgeFrame.newBuilder().setHello(hello).build());
        return edge;
    }

    void send(EdgeFrame frame) {
        out.onNext(frame);
    }

    void ack(long seq) {
        send(EdgeFrame.newBuilder().setCommandAck(CommandAck.newBuilder().setSeq(seq)).build());
    }

    void event(String eventId, JobEvent event) {
        send(EdgeFrame.newBuilder().setEvent(EdgeEvent.newBuilder().setEventId(eventId).setJob(event)).build());
    }

    /** The next frame matching {@code what}, skipping others (heartbeats); fails after a deadline. */
    ControlFrame expect(Predicate<ControlFrame> what) throws InterruptedException {
        Instant deadline = Instant.now().plus(WAIT);
        while (Instant.now().isBefore(deadline)) {
            ControlFrame frame = received.poll(100, TimeUnit.MILLISECONDS);
            if (frame != null && what.test(frame)) {
                return frame;
            }
        }
        throw new AssertionError("no expected frame within " + WAIT + "; link closed with " + closedWith);
    }

    /** The status the link was closed with; fails if it stays open past a deadline. */
    Status closedStatus() throws InterruptedException {
        Instant deadline = Instant.now().plus(WAIT);
        while (closedWith == null && Instant.now().isBefore(deadline)) {
            received.poll(100, TimeUnit.MILLISECONDS);
        }
        assertThat(closedWith).as("link closed").isNotNull();
        return closedWith;
    }

    @Override
    public void onNext(ControlFrame frame) {
        received.add(frame);
    }

    @Override
    public void onError(Throwable t) {
        closedWith = Status.fromThrowable(t);
    }

    @Override
    public void onCompleted() {
        closedWith = Status.OK;
    }

    @Override
    public void close() {
        try {
            out.onCompleted();
        } catch (RuntimeException e) {
            // already closed by the server
        }
    }
}
