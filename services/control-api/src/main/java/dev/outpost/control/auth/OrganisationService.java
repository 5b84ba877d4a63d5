package dev.outpost.control.auth;

import java.time.Instant;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import org.jboss.logging.Logger;

import dev.outpost.control.Names;
import dev.outpost.control.error.ConflictException;
import dev.outpost.control.error.PermissionDeniedException;

/** Creates organisations, each with its first admin key; only the operator may. */
@ApplicationScoped
public class OrganisationService {

    private static final Logger LOG = Logger.getLogger(OrganisationService.class);

    /** The name of the organisation a new installation (or an upgrade from before organisations) starts with. */
    public static final String DEFAULT = "default";
    static final String FIRST_ADMIN_KEY = "first-admin";

    /** A new organisation and its first admin key, shown only in this object and the response built from it. */
    public record CreatedOrganisation(OrganisationView organisation, ApiKeyService.CreatedKey admin) {
    }

    private final ApiKeyService keys;

    OrganisationService(ApiKeyService keys) {
        this.keys = keys;
    }

    @Transactional
    public CreatedOrganisation create(Caller caller, String name) {
        if (!caller.operator()) {
            throw new PermissionDeniedException("Only the operator key can create organisations; an organisation's "
                    + "admin manages its API keys with /api/v1/api-keys");
        }
        Names.requireValid("organisation name", name);
        if (Organisation.count("name", name) > 0) {
            throw new ConflictException("An organisation named '" + name + "' already exists; choose another name");
        }
        Organisation organisation = create(name);
        return new CreatedOrganisation(OrganisationView.of(organisation),
                keys.issue(organisation.id, FIRST_ADMIN_KEY, Role.ADMIN));
    }

    static Organisation create(String name) {
        Organisation organisation = new Organisation();
        organisation.id = UUID.randomUUID();
        organisation.name = name;
        organisation.createdAt = Instant.now();
        organisation.persist();
        LOG.infof("Organisation '%s' (%s) created", name, organisation.id);
        return organisation;
    }
}
