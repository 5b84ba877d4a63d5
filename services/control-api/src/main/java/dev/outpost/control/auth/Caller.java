package dev.outpost.control.auth;

import java.util.UUID;

import dev.outpost.control.error.PermissionDeniedException;

/**
 * Who makes an API call: an API key of one organisation with its role, or the operator (whose key may only create
 * organisations). Every service method that touches an organisation's objects takes the caller, so scoping cannot be
 * forgotten silently.
 *
 * @param organisationId the organisation the call acts for; null for the operator
 * @param apiKeyId       the API key used; null for the operator
 * @param role           the key's role; null for the operator
 */
public record Caller(UUID organisationId, UUID apiKeyId, Role role) {

    /** The operator: runs control-api, creates organisations, sees none of their objects. */
    public static final Caller OPERATOR = new Caller(null, null, null);

    /** Whether this is the operator. */
    public boolean operator() {
        return organisationId == null;
    }

    /**
     * The caller's organisation if its role includes {@code needed}; otherwise PERMISSION_DENIED.
     *
     * @param action what the caller tries to do, for the message: "create edges"
     */
    public UUID require(Role needed, String action) {
        if (operator()) {
            throw new PermissionDeniedException("The operator key cannot " + action + ": it only creates "
                    + "organisations. Use an API key of the organisation");
        }
        if (!role.includes(needed)) {
            throw new PermissionDeniedException("Your role " + role.label() + " cannot " + action + ": ask an admin "
                    + "of your organisation for a key with the role " + needed.label() + " or higher");
        }
        return organisationId;
    }

    /** The caller's organisation, for reading (every role may read); PERMISSION_DENIED for the operator. */
    public UUID organisation(String action) {
        return require(Role.VIEWER, action);
    }
}
