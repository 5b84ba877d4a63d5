package dev.outpost.control.edge;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import dev.outpost.control.ControlConfig;
import dev.outpost.control.Ids;
import dev.outpost.control.Names;
import dev.outpost.control.auth.Caller;
import dev.outpost.control.auth.Role;
import dev.outpost.control.error.ConflictException;
import dev.outpost.control.error.InvalidInputException;
import dev.outpost.control.error.NotFoundException;

/**
 * Registers edges, authenticates their tokens and tracks their link status. Calls made for a person or tool take
 * its {@link Caller} and see only the caller's organisation; another organisation's edge is "not found".
 */
@ApplicationScoped
public class EdgeService {

    /** A new edge and its token, which exists only in this object and the response built from it. */
    public record CreatedEdge(EdgeView edge, String token, EdgeInstall install) {
    }

    /** An edge's new token (shown once, like at creation) and until when the previous one is still accepted. */
    public record RotatedEdge(EdgeView edge, String token, Instant previousTokenExpiresAt, EdgeInstall install) {
    }

    private final ControlConfig config;
    private final EdgeCredentials credentials;
    private final EdgeVersions versions;
    private final EdgeInstalls installs;

    EdgeService(ControlConfig config, EdgeCredentials credentials, EdgeVersions versions, EdgeInstalls installs) {
        this.config = config;
        this.credentials = credentials;
        this.versions = versions;
        this.installs = installs;
    }

    @Transactional
    public CreatedEdge create(Caller caller, String name) {
        UUID organisation = caller.require(Role.EDITOR, "register edges");
        Names.requireValid("edge name", name);
        Edge existing = Edge.find("organisationId = ?1 and name = ?2", organisation, name).firstResult();
        if (existing != null) {
            throw new ConflictException(existing.removedAt == null
                    ? "An edge named '" + name + "' already exists; choose another name"
                    : "An edge named '" + name + "' existed and was removed on " + existing.removedAt + "; names of "
                            + "removed edges are not reused, so no install of the old edge can pass for the new one: "
                            + "choose another name");
        }
        String token = EdgeTokens.generate();
        Edge edge = new Edge();
        edge.id = UUID.randomUUID();
        edge.organisationId = organisation;
        edge.name = name;
        edge.tokenHash = EdgeTokens.hash(token);
        edge.nextCommandSeq = 1;
        edge.createdAt = Instant.now();
        edge.persist();
        return new CreatedEdge(view(edge), token, installs.forNewEdge(edge, token));
    }

    @Transactional
    public List<EdgeView> list(Caller caller) {
        return Edge.<Edge>list("organisationId = ?1 and removedAt is null", io.quarkus.panache.common.Sort.by("createdAt"),
                caller.organisation("list edges")).stream().map(this::view).toList();
    }

    @Transactional
    public EdgeView get(Caller caller, String id) {
        return view(require(caller.organisation("read edges"), id));
    }

    /** An edge by id for control-api's own use (the id comes from a record already scoped to its organisation). */
    @Transactional
    public EdgeView get(UUID id) {
        return view(Edge.findById(id));
    }

    /** The edge with this id in {@code organisationId}, or NOT_FOUND (also when another organisation owns it). */
    public static Edge require(UUID organisationId, String id) {
        Edge edge = Edge.findById(Ids.parse("Edge", id));
        if (edge == null || edge.removedAt != null || !edge.organisationId.equals(organisationId)) {
            throw new NotFoundException("Edge", id);
        }
        return edge;
    }

    /**
     * Gives the edge a new token, returned once; the previous token stays accepted for the grace period
     * ({@link EdgeCredentials#rotate}).
     */
    @Transactional
    public RotatedEdge rotateToken(Caller caller, String id) {
        Edge edge = require(caller.require(Role.EDITOR, "rotate edge tokens"), id);
        EdgeCredentials.RotatedToken rotated = credentials.rotate(edge);
        return new RotatedEdge(view(edge), rotated.token(), rotated.previousTokenExpiresAt(),
                installs.afterRotation(edge, rotated.token()));
    }

    /** Removes the edge: revokes its tokens and closes its link ({@link EdgeCredentials#revoke}). */
    @Transactional
    public void remove(Caller caller, String id) {
        credentials.revoke(require(caller.require(Role.EDITOR, "remove edges"), id));
    }

    /** Refuses to rename the edge: its name is the label its install in the customer's cluster is derived from. */
    @Transactional
    public EdgeView rename(Caller caller, String id, String name) {
        Edge edge = require(caller.require(Role.EDITOR, "change edges"), id);
        if (name != null && !name.equals(edge.name)) {
            throw new InvalidInputException("An edge's name cannot be changed: '" + edge.name + "' names the Helm "
                    + "release, namespace and labels of its install in your cluster. To use the name '" + name
                    + "', register a new edge with it and remove this one");
        }
        return view(edge);
    }

    /** Records that the edge opened a link, which version it runs and which of its replicas holds the link. */
    @Transactional
    public void linkOpened(UUID edgeId, String agentVersion, String replicaId) {
        Edge.update("linkOpen = true, agentVersion = ?1, replicaId = ?2, lastSeenAt = ?3 where id = ?4", agentVersion,
                replicaId.isEmpty() ? null : replicaId, Instant.now(), edgeId);
    }

    /** Records a sign of life from the edge. */
    @Transactional
    public void seen(UUID edgeId) {
        Edge.update("lastSeenAt = ?1 where id = ?2", Instant.now(), edgeId);
    }

    /** Records that the edge's link closed. */
    @Transactional
    public void linkClosed(UUID edgeId) {
        Edge.update("linkOpen = false, lastSeenAt = ?1 where id = ?2", Instant.now(), edgeId);
    }

    EdgeView view(Edge edge) {
        Instant freshnessLimit = Instant.now()
                .minus(config.heartbeatInterval().multipliedBy(config.missedHeartbeatsBeforeDisconnected()));
        boolean connected = edge.linkOpen && edge.lastSeenAt != null && edge.lastSeenAt.isAfter(freshnessLimit);
        return new EdgeView(edge.id.toString(), edge.name, connected ? "connected" : "disconnected", edge.lastSeenAt,
                edge.agentVersion, edge.replicaId, versions.support(edge.agentVersion), edge.createdAt);
    }
}
