package dev.outpost.planemanager;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/**
 * Who this edge is and how it keeps its link. control-api's address is the gRPC client {@code control}
 * ({@code quarkus.grpc.clients.control.host} / {@code .port}).
 */
@ConfigMapping(prefix = "outpost.edge")
public interface EdgeConfig {

    /** The edge's id, as control-api returned it when the edge was created. */
    String id();

    /** The edge token, as control-api returned it once. A secret: mount it from a Secret; it is never logged. */
    String token();

    /**
     * A PEM bundle of the CA that signed control-api's certificate, when it is not a public CA (unset: the JVM's
     * trust store). The link is TLS 1.3 only; an untrusted certificate is refused.
     */
    Optional<Path> controlPlaneCa();

    /**
     * This replica's name in Hello and in the egress audit's object keys (unset: the pod name from {@code HOSTNAME},
     * else the host name).
     */
    Optional<String> replicaId();

    /** First wait before reconnecting after the link drops; doubles up to {@link #reconnectMax()}. */
    @WithDefault("1s")
    Duration reconnectMin();

    /** Longest wait between reconnect attempts. */
    @WithDefault("30s")
    Duration reconnectMax();

    /** How long a forwarded event stays invisible on its queue while control-api acknowledges it. */
    @WithDefault("30s")
    Duration eventAckTimeout();
}
