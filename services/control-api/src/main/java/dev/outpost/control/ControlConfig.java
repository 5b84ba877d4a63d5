package dev.outpost.control;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** control-api's own settings (Quarkus's settings live under {@code quarkus.*}). */
@ConfigMapping(prefix = "outpost.control")
public interface ControlConfig {

    /** How often an edge sends a heartbeat (told to the edge in Welcome). */
    @WithDefault("10s")
    Duration heartbeatInterval();

    /** An edge whose last frame is older than this many heartbeat intervals counts as disconnected. */
    @WithDefault("3")
    int missedHeartbeatsBeforeDisconnected();

    /** How often a linked edge's outbox is checked for commands stored by other control-api replicas. */
    @WithDefault("2s")
    Duration outboxPollInterval();

    /** How long a person's interactive request (browse files, read failing rows) waits for the edge's answer. */
    @WithDefault("30s")
    Duration interactiveTimeout();

    /** Failing rows kept per check when a job does not say. */
    @WithDefault("100")
    int defaultSampleLimit();

    /**
     * The SHA-256 (hex) of the operator key, which may only create organisations (each with its first admin key);
     * unset means organisations cannot be created over the API.
     */
    Optional<String> operatorKeyHash();

    /** How a new installation gets its first organisation and admin key. */
    Bootstrap bootstrap();

    /** The first organisation and admin key. */
    interface Bootstrap {

        /**
         * When no API key exists yet, control-api creates the organisation {@code default} (if missing) and an admin
         * key of it at start, and writes the key to this file (mode 0600). Unset: no bootstrap.
         */
        Optional<Path> adminKeyFile();
    }

    /**
     * How long an edge's previous token is still accepted after its token was rotated, so the new token can be rolled
     * out to the edge's plane-manager replicas without cutting the link.
     */
    @WithDefault("1h")
    Duration edgeTokenGrace();

    /** How long an edge version stays supported after a newer release came out (then it is unsupported). */
    @WithDefault("90d")
    Duration edgeSupportWindow();

    /** The host name under which edges reach control-api; written into each edge's generated Helm values. */
    @WithDefault("localhost")
    String publicEndpoint();

    /** The port under which edges reach control-api (the HTTPS port, which serves gRPC too). */
    @WithDefault("8443")
    int publicPort();

    /**
     * PEM bundle of the CA that signs control-api's certificate, copied into each edge's generated Helm values. Unset:
     * the root certificate at the end of {@link Tls#certificate()}'s chain if the chain carries one, else none (a public
     * CA the edge's JVM already trusts).
     */
    Optional<Path> publicCaBundle();

    /** The outpost-edge Helm chart reference used in each edge's generated install command. */
    @WithDefault("oci://ghcr.io/outpost-dev/charts/outpost-edge")
    String edgeChart();

    /** The TLS identity of control-api's one port (REST, gRPC, EdgeLink); TLS 1.3 only, no plain port. */
    Tls tls();

    /** PEM files, typically mounted from a Kubernetes Secret. */
    interface Tls {

        /** The server certificate chain (server certificate first), PEM. */
        Path certificate();

        /** The server's private key (PKCS#8), PEM. */
        Path key();
    }
}
