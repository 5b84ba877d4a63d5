package dev.outpost.control.auth;

import java.time.Duration;
import java.time.Instant;
import java.util.Locale;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import dev.outpost.control.ControlConfig;
import dev.outpost.control.error.UnauthenticatedException;

/**
 * Turns an {@code Authorization} header into a {@link Caller}. A missing, malformed, unknown or revoked key gets the
 * same {@link UnauthenticatedException}, and the hash comparison takes the same time wherever the hashes differ.
 */
@ApplicationScoped
public class Authenticator {

    /** last_used_at is a hint for people cleaning up keys, not an audit log: one write per key and minute is enough. */
    private static final Duration LAST_USED_RESOLUTION = Duration.ofMinutes(1);
    private static final String BEARER = "Bearer ";
    /** Compared against when no key matches the prefix, so an unknown prefix costs the same hash as a known one. */
    private static final String NO_KEY_HASH = "0".repeat(64);

    private final ControlConfig config;

    Authenticator(ControlConfig config) {
        this.config = config;
    }

    /**
     * The caller presenting {@code authorization}.
     *
     * @throws UnauthenticatedException when it names no valid key
     */
    @Transactional
    public Caller authenticate(String authorization) {
        if (authorization == null || !authorization.regionMatches(true, 0, BEARER, 0, BEARER.length())) {
            throw new UnauthenticatedException();
        }
        String key = authorization.substring(BEARER.length()).trim();
        var prefix = ApiKeyTokens.prefixOf(key);
        if (prefix.isEmpty()) {
            if (config.operatorKeyHash().isPresent() && !key.isEmpty()
                    && ApiKeyTokens.matches(key, config.operatorKeyHash().get().trim().toLowerCase(Locale.ROOT))) {
                return Caller.OPERATOR;
            }
            throw new UnauthenticatedException();
        }
        ApiKey apiKey = ApiKey.find("prefix", prefix.get()).firstResult();
        boolean matches = ApiKeyTokens.matches(key, apiKey == null ? NO_KEY_HASH : apiKey.tokenHash);
        if (apiKey == null || !matches || apiKey.revokedAt != null) {
            throw new UnauthenticatedException();
        }
        Instant now = Instant.now();
        if (apiKey.lastUsedAt == null || apiKey.lastUsedAt.isBefore(now.minus(LAST_USED_RESOLUTION))) {
            apiKey.lastUsedAt = now;
        }
        return new Caller(apiKey.organisationId, apiKey.id, Role.parse(apiKey.role));
    }
}
