package dev.outpost.control.edge;

import java.time.Instant;

/**
 * An edge as the REST API shows it.
 *
 * @param id           the edge's id
 * @param name         its unique name
 * @param status       {@code connected} or {@code disconnected}
 * @param lastSeenAt   when control-api last heard from it (null if never)
 * @param agentVersion   the plane-manager version it reported (null if never linked)
 * @param replicaId      the plane-manager replica that holds or last held the link (null if never linked)
 * @param versionSupport how the support policy judges {@code agentVersion}
 * @param createdAt      when it was registered
 */
public record EdgeView(String id, String name, String status, Instant lastSeenAt, String agentVersion,
        String replicaId, VersionSupport versionSupport, Instant createdAt) {

    /** True when {@link #status()} is {@code connected}. */
    public boolean connected() {
        return "connected".equals(status);
    }
}
