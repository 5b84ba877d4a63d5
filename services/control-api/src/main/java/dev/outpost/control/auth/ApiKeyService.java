package dev.outpost.control.auth;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import org.jboss.logging.Logger;

import dev.outpost.control.Ids;
import dev.outpost.control.Names;
import dev.outpost.control.error.ConflictException;
import dev.outpost.control.error.NotFoundException;
import io.quarkus.panache.common.Sort;

/** An organisation's API keys, managed by its admins. A key is shown once; only its hash is kept. */
@ApplicationScoped
public class ApiKeyService {

    private static final Logger LOG = Logger.getLogger(ApiKeyService.class);

    /** A new key and the key itself, which exists only in this object and the response built from it. */
    public record CreatedKey(ApiKeyView apiKey, String key) {
    }

    @Transactional
    public CreatedKey create(Caller caller, String name, String role) {
        return issue(caller.require(Role.ADMIN, "create API keys"), name, Role.parse(role));
    }

    @Transactional
    public List<ApiKeyView> list(Caller caller) {
        return ApiKey.<ApiKey>list("organisationId", Sort.by("createdAt"), caller.require(Role.ADMIN,
                "list API keys")).stream().map(ApiKeyView::of).toList();
    }

    /**
     * Revokes a key at once: the next call with it is unauthenticated. Revoking twice is harmless; revoking the last
     * admin key is refused.
     */
    @Transactional
    public ApiKeyView revoke(Caller caller, String id) {
        UUID organisation = caller.require(Role.ADMIN, "revoke API keys");
        ApiKey key = ApiKey.findById(Ids.parse("API key", id));
        if (key == null || !key.organisationId.equals(organisation)) {
            throw new NotFoundException("API key", id);
        }
        if (key.revokedAt == null && Role.ADMIN.label().equals(key.role) && ApiKey.count(
                "organisationId = ?1 and role = ?2 and revokedAt is null", organisation, key.role) == 1) {
            // Nobody could create keys for the organisation any more: the operator key cannot.
            throw new ConflictException("API key '" + key.name + "' is your organisation's last admin key: create "
                    + "another admin key before revoking it");
        }
        if (key.revokedAt == null) {
            key.revokedAt = Instant.now();
            LOG.infof("API key %s ('%s', %s) of organisation %s revoked by key %s", key.prefix, key.name, key.role,
                    organisation, caller.apiKeyId());
        }
        return ApiKeyView.of(key);
    }

    /** Creates a key of {@code organisationId}; the caller's right to do so is checked by the caller. */
    CreatedKey issue(UUID organisationId, String name, Role role) {
        Names.requireValid("API key name", name);
        if (ApiKey.count("organisationId = ?1 and name = ?2", organisationId, name) > 0) {
            throw new ConflictException("An API key named '" + name + "' already exists in your organisation; "
                    + "choose another name");
        }
        ApiKeyTokens.NewKey secret = ApiKeyTokens.generate();
        ApiKey key = new ApiKey();
        key.id = UUID.randomUUID();
        key.organisationId = organisationId;
        key.name = name;
        key.role = role.label();
        key.prefix = secret.prefix();
        key.tokenHash = ApiKeyTokens.hash(secret.key());
        key.createdAt = Instant.now();
        key.persist();
        LOG.infof("API key %s ('%s', %s) created in organisation %s", key.prefix, name, key.role, organisationId);
        return new CreatedKey(ApiKeyView.of(key), secret.key());
    }
}
