package dev.outpost.it;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A TCP relay on 127.0.0.1 in front of control-api's port, which plane-manager's link goes through so that a test can
 * cut the link as a network fault would: both ends see their connection reset while both processes keep running and
 * keep what they hold in memory. The relay keeps accepting, so the edge's reconnect goes through. TLS passes through
 * untouched (the relay sees only ciphertext).
 */
final class LinkRelay implements AutoCloseable {

    private final ServerSocket server;
    private final int targetPort;
    private final Set<Socket> open = ConcurrentHashMap.newKeySet();
    private volatile boolean edgeSilenced;

    private LinkRelay(ServerSocket server, int targetPort) {
        this.server = server;
        this.targetPort = targetPort;
    }

    /** Starts relaying connections on a free port to {@code targetPort} on 127.0.0.1. */
    static LinkRelay start(int targetPort) {
        try {
            LinkRelay relay = new LinkRelay(new ServerSocket(0, 50, InetAddress.getLoopbackAddress()), targetPort);
            Thread.ofVirtual().name("link-relay-accept").start(relay::accept);
            return relay;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot open the link relay on 127.0.0.1", e);
        }
    }

    /** The port plane-manager connects to. */
    int port() {
        return server.getLocalPort();
    }

    /**
     * Resets every connection open now (the edge's link, and any in the middle of opening).
     *
     * @return how many connections were cut
     */
    int cut() {
        Set<Socket> sockets = Set.copyOf(open);
        sockets.forEach(LinkRelay::reset);
        open.removeAll(sockets);
        return sockets.size() / 2; // each connection is an inbound and an outbound socket
    }

    /**
     * While silenced, what the edge sends (acknowledgements, events, heartbeats) is dropped and what control-api sends
     * is still delivered, as a one-way network fault would have it: commands arrive and are acted on, but their
     * acknowledgements never return.
     */
    void silenceTheEdge(boolean silenced) {
        edgeSilenced = silenced;
    }

    @Override
    public void close() {
        try {
            server.close();
        } catch (IOException e) {
            // closing anyway
        }
        cut();
    }

    private void accept() {
        while (!server.isClosed()) {
            try {
                Socket inbound = server.accept();
                Socket outbound;
                try {
                    outbound = new Socket(InetAddress.getLoopbackAddress(), targetPort);
                } catch (IOException e) {
                    reset(inbound); // control-api is down: the edge sees its connection refused, as without a relay
                    continue;
                }
                open.add(inbound);
                open.add(outbound);
                Thread.ofVirtual().start(() -> pump(inbound, outbound, true));
                Thread.ofVirtual().start(() -> pump(outbound, inbound, false));
            } catch (IOException e) {
                if (!server.isClosed()) {
                    System.out.println("[relay] accept failed: " + e.getMessage());
                }
            }
        }
    }

    /** Copies bytes from one side to the other until either ends; then ends both. */
    private void pump(Socket from, Socket to, boolean fromTheEdge) {
        byte[] buffer = new byte[16 * 1024];
        try (InputStream in = from.getInputStream(); OutputStream out = to.getOutputStream()) {
            int read;
            while ((read = in.read(buffer)) >= 0) {
                if (fromTheEdge && edgeSilenced) {
                    continue;
                }
                out.write(buffer, 0, read);
                out.flush();
            }
        } catch (IOException e) {
            // one side went away (or was cut): the other goes too
        } finally {
            reset(from);
            reset(to);
            open.remove(from);
            open.remove(to);
        }
    }

    /** Closes a socket with a TCP reset rather than an orderly close, as a broken network path looks to its ends. */
    private static void reset(Socket socket) {
        try {
            socket.setSoLinger(true, 0);
        } catch (IOException e) {
            // already closed
        }
        try {
            socket.close();
        } catch (IOException e) {
            // already closed
        }
    }
}
