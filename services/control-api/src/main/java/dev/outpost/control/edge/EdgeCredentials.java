package dev.outpost.control.edge;

import java.time.Instant;
import java.util.Collection;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.transaction.Transactional;

import org.jboss.logging.Logger;

import dev.outpost.control.ControlConfig;

/**
 * Which edge tokens are accepted. A rotation makes the new token valid at once and keeps the previous one for the
 * grace period ({@code outpost.control.edge-token-grace}); removing an edge clears every hash, so none of its tokens
 * is accepted and open links are closed ({@link EdgeRemoved} here, a credential check on every replica's poll).
 */
@ApplicationScoped
public class EdgeCredentials {

    private static final Logger LOG = Logger.getLogger(EdgeCredentials.class);

    /**
     * What a link proved: the edge, and the hash of the token it presented (so the link can be closed when that
     * token stops being accepted).
     */
    public record Credential(UUID edgeId, String tokenHash) {
    }

    /** A new token, and until when the token it replaced is still accepted. */
    public record RotatedToken(String token, Instant previousTokenExpiresAt) {
    }

    private final ControlConfig config;
    private final Event<EdgeRemoved> removed;

    EdgeCredentials(ControlConfig config, Event<EdgeRemoved> removed) {
        this.config = config;
        this.removed = removed;
    }

    /** The edge whose currently accepted token this is, if any. */
    @Transactional
    public Optional<Credential> authenticate(String token) {
        if (token == null || !token.startsWith(EdgeTokens.PREFIX)) {
            return Optional.empty();
        }
        String hash = EdgeTokens.hash(token);
        Instant now = Instant.now();
        return Edge.<Edge>find("tokenHash = ?1 or previousTokenHash = ?1", hash).firstResultOptional()
                .filter(edge -> accepts(edge, hash, now))
                .map(edge -> new Credential(edge.id, hash));
    }

    /** Those of {@code credentials} whose token is no longer accepted (edge removed, or past its grace period). */
    @Transactional
    public Set<Credential> rejected(Collection<Credential> credentials) {
        if (credentials.isEmpty()) {
            return Set.of();
        }
        Map<UUID, Edge> edges = Edge.<Edge>list("id in ?1", credentials.stream().map(Credential::edgeId).toList())
                .stream().collect(Collectors.toMap(edge -> edge.id, Function.identity()));
        Instant now = Instant.now();
        return credentials.stream()
                .filter(credential -> !accepts(edges.get(credential.edgeId()), credential.tokenHash(), now))
                .collect(Collectors.toSet());
    }

    /**
     * Gives {@code edge} a new token (call in the caller's transaction). A previous token still in its grace period is
     * revoked at once: only the token being replaced gets a grace period.
     */
    RotatedToken rotate(Edge edge) {
        String token = EdgeTokens.generate();
        Instant now = Instant.now();
        edge.previousTokenHash = edge.tokenHash;
        edge.previousTokenExpiresAt = now.plus(config.edgeTokenGrace());
        edge.tokenHash = EdgeTokens.hash(token);
        edge.tokenRotatedAt = now;
        LOG.infof("Edge %s has a new token; the previous one is accepted until %s", edge.id,
                edge.previousTokenExpiresAt);
        return new RotatedToken(token, edge.previousTokenExpiresAt);
    }

    /** Revokes every token of {@code edge} and marks it removed (call in the caller's transaction). */
    void revoke(Edge edge) {
        edge.tokenHash = null;
        edge.previousTokenHash = null;
        edge.previousTokenExpiresAt = null;
        edge.removedAt = Instant.now();
        removed.fire(new EdgeRemoved(edge.id));
        LOG.infof("Edge %s removed; its tokens are revoked and its link is being closed", edge.id);
    }

    private static boolean accepts(Edge edge, String tokenHash, Instant now) {
        if (edge == null || edge.removedAt != null) {
            return false;
        }
        return tokenHash.equals(edge.tokenHash) || tokenHash.equals(edge.previousTokenHash)
                && edge.previousTokenExpiresAt != null && edge.previousTokenExpiresAt.isAfter(now);
    }
}
