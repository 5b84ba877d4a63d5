package dev.outpost.planemanager;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Who is speaking for the edge: the edge's id, this plane-manager replica and the version it was built as. Hello
 * reports all three, and the egress audit names its objects after the replica.
 */
@ApplicationScoped
public class EdgeIdentity {

    private final String edgeId;
    private final String replicaId;
    private final String agentVersion;

    EdgeIdentity(EdgeConfig config,
            // Quarkus sets it from the project version at build time, so the version reported is the one built.
            @ConfigProperty(name = "quarkus.application.version") String agentVersion) {
        this.edgeId = config.id();
        this.replicaId = config.replicaId().orElseGet(EdgeIdentity::hostName);
        this.agentVersion = agentVersion;
    }

    /** The edge's id, as control-api assigned it. */
    public String edgeId() {
        return edgeId;
    }

    /** This replica: {@code outpost.edge.replica-id}, else the pod name ({@code HOSTNAME}), else the host name. */
    public String replicaId() {
        return replicaId;
    }

    /** plane-manager's version, as built. */
    public String agentVersion() {
        return agentVersion;
    }

    private static String hostName() {
        return Optional.ofNullable(System.getenv("HOSTNAME")).filter(name -> !name.isBlank()).orElseGet(() -> {
            try {
                return InetAddress.getLocalHost().getHostName();
            } catch (UnknownHostException e) {
                // No resolvable host name (a bare container): the address-less fallback is still stable per process.
                return "plane-manager-" + ProcessHandle.current().pid();
            }
        });
    }
}
