package dev.outpost.control.auth;

import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.ResponseStatus;

/** REST: organisations, created by the operator. */
@Path("/api/v1/organisations")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@Tag(name = "Organisations", description = "Customers; created by the operator of control-api")
@SecurityRequirement(name = ApiKeyResource.SCHEME)
public class OrganisationResource {

    /** @param name the organisation's unique name */
    public record CreateOrganisation(String name) {
    }

    /** @param organisation the new organisation; @param adminKey its first admin key; @param key that key, once */
    public record CreatedOrganisationBody(OrganisationView organisation, ApiKeyView adminKey, String key) {
    }

    private final OrganisationService organisations;
    private final CurrentCaller caller;

    OrganisationResource(OrganisationService organisations, CurrentCaller caller) {
        this.organisations = organisations;
        this.caller = caller;
    }

    @POST
    @ResponseStatus(201)
    @Operation(summary = "Create an organisation with its first admin key (operator key only)",
            description = "Returns the admin key once; only its hash is kept.")
    public CreatedOrganisationBody create(CreateOrganisation request) {
        var created = organisations.create(caller.get(), request == null ? null : request.name());
        return new CreatedOrganisationBody(created.organisation(), created.admin().apiKey(), created.admin().key());
    }
}
