package dev.outpost.control.edge;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import dev.outpost.control.ControlConfig;
import dev.outpost.control.Ids;
import dev.outpost.control.Names;
import dev.outpost.control.auth.Caller;
import dev.outpost.control.auth.Role;
import dev.outpost.control.error.ConflictException;
import dev.outpost.control.error.NotFoundException;

/**
 * Registers edges, authenticates their tokens and tracks their link status. Calls made for a person or tool take
 * its {@link Caller} and see only the caller's organisation; another organisation's edge is "not found".
 */
@ApplicationScoped
public class EdgeService {

    /** A new edge and its token, which exists only in this object and the response built from it. */
    public record CreatedEdge(EdgeView edge, String token) {
    }

    private final ControlConfig config;

    EdgeService(ControlConfig config) {
        this.config = config;
    }

    @Transactional
    public CreatedEdge create(Caller caller, String name) {
        UUID organisation = caller.require(Role.EDITOR, "register edges");
        Names.requireValid("edge name", name);
        if (Edge.count("organisationId = ?1 and name = ?2", organisation, name) > 0) {
            throw new ConflictException("An edge named '" + name + "' already exists; choose another name");
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
        return new CreatedEdge(view(edge), token);
    }

    @Transactional
    public List<EdgeView> list(Caller caller) {
        return Edge.<Edge>list("organisationId", io.quarkus.panache.common.Sort.by("createdAt"),
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
        if (edge == null || !edge.organisationId.equals(organisationId)) {
            throw new NotFoundException("Edge", id);
        }
        return edge;
    }

    /** The edge whose token this is, if any. */
    @Transactional
    public Optional<UUID> authenticate(String token) {
        if (token == null || !token.startsWith(EdgeTokens.PREFIX)) {
            return Optional.empty();
        }
        return Optional.ofNullable(Edge.findByTokenHash(EdgeTokens.hash(token))).map(edge -> edge.id);
    }

    /** Records that the edge opened a link and which version it runs. */
    @Transactional
    public void linkOpened(UUID edgeId, String agentVersion) {
        Edge.update("linkOpen = true, agentVersion = ?1, lastSeenAt = ?2 where id = ?3", agentVersion, Instant.now(),
                edgeId);
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
                edge.agentVersion, edge.createdAt);
    }
}
