package dev.outpost.control.link;

import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;

import org.jboss.logging.Logger;

import dev.outpost.control.edge.EdgeCredentials.Credential;
import dev.outpost.proto.edgelink.v1.Command;
import dev.outpost.proto.edgelink.v1.ControlFrame;
import io.grpc.Status;
import io.grpc.stub.StreamObserver;

/**
 * One open link of one edge (unauthenticated until its Hello is checked). Everything that touches the stream or the session's state runs on the session's own
 * serial executor, so frames are handled in arrival order and the outbound stream (not thread-safe) has one writer.
 */
final class EdgeSession {

    private static final Logger LOG = Logger.getLogger(EdgeSession.class);

    private final StreamObserver<ControlFrame> out;
    /** Set once the Hello is authenticated; null before. */
    private volatile Credential credential;
    private final ExecutorService serial = Executors.newSingleThreadExecutor(
            Thread.ofVirtual().name("edge-link-", 0).factory());
    /** The highest sequence number sent on this link; a new link starts from 0 and resends all unacknowledged. */
    private long lastSentSeq;
    private boolean closed;

    EdgeSession(StreamObserver<ControlFrame> out) {
        this.out = out;
    }

    UUID edgeId() {
        Credential proven = credential;
        return proven == null ? null : proven.edgeId();
    }

    /** The edge and token this link proved, or null before its Hello. */
    Credential credential() {
        return credential;
    }

    boolean authenticated() {
        return credential != null;
    }

    /** Binds the link to the edge and token its Hello proved (call on the session's executor only). */
    void authenticate(Credential proven) {
        this.credential = proven;
    }

    /** Runs {@code work} on the session's executor; ignored once the session is closed. */
    void submit(Runnable work) {
        try {
            serial.execute(() -> {
                if (closed) {
                    return;
                }
                try {
                    work.run();
                } catch (RuntimeException e) {
                    // The frame stays unacknowledged, so the edge sends it again; the link itself carries on.
                    LOG.errorf(e, "Handling a frame on the link of edge %s failed", edgeId());
                }
            });
        } catch (RejectedExecutionException e) {
            // closed concurrently: nothing left to do for this link
        }
    }

    /** Sends a frame (call on the session's executor only). */
    void send(ControlFrame frame) {
        out.onNext(frame);
    }

    /** Sends the outbox's pending commands not yet sent on this link (call on the session's executor only). */
    void deliver(Outbox outbox) {
        for (Command command : outbox.pendingAfter(edgeId(), lastSentSeq)) {
            send(ControlFrame.newBuilder().setCommand(command).build());
            lastSentSeq = command.getSeq();
        }
    }

    /** Ends the link from the control side with {@code status} (for example when a newer link replaces it). */
    void terminate(Status status) {
        submit(() -> {
            closed = true;
            try {
                out.onError(status.asRuntimeException());
            } catch (RuntimeException e) {
                LOG.debugf("Link of edge %s was already gone: %s", edgeId(), e.getMessage());
            }
            serial.shutdown();
        });
    }

    /** Marks the session closed after the edge ended the stream. */
    void closed() {
        submit(() -> {
            closed = true;
            serial.shutdown();
        });
    }
}
