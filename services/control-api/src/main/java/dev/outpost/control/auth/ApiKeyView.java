package dev.outpost.control.auth;

import java.time.Instant;

/**
 * An API key as the API shows it: never the key itself.
 *
 * @param id         the key's id
 * @param name       what it is for, unique among the organisation's keys
 * @param role       {@code admin}, {@code editor} or {@code viewer}
 * @param prefix     the non-secret part after {@code opk_}, to tell keys apart
 * @param createdAt  when it was created
 * @param lastUsedAt when it last authenticated a call (to the minute; null if never)
 * @param revokedAt  when it was revoked (null while it works)
 */
public record ApiKeyView(String id, String name, String role, String prefix, Instant createdAt, Instant lastUsedAt,
        Instant revokedAt) {

    static ApiKeyView of(ApiKey key) {
        return new ApiKeyView(key.id.toString(), key.name, key.role, key.prefix, key.createdAt, key.lastUsedAt,
                key.revokedAt);
    }
}
