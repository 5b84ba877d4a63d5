package dev.outpost.control.auth;

import java.util.List;

import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SecuritySchemeType;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.security.SecurityScheme;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.ResponseStatus;

/** REST: the caller's organisation's API keys (admins only). */
@Path("/api/v1/api-keys")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@Tag(name = "API keys", description = "Keys people and tools call the API with; managed by the organisation's admins")
@SecurityScheme(securitySchemeName = ApiKeyResource.SCHEME, type = SecuritySchemeType.HTTP, scheme = "bearer",
        description = "An API key (opk_…) of your organisation, as 'Authorization: Bearer <key>'")
@SecurityRequirement(name = ApiKeyResource.SCHEME)
public class ApiKeyResource {

    /** The OpenAPI security scheme every resource requires. */
    public static final String SCHEME = "apiKey";

    /** @param name what the key is for, unique in the organisation; @param role admin, editor or viewer */
    public record CreateApiKey(String name, String role) {
    }

    /** @param apiKey the new key's description; @param key the key itself, shown only in this response */
    public record CreatedApiKeyBody(ApiKeyView apiKey, String key) {
    }

    private final ApiKeyService keys;
    private final CurrentCaller caller;

    ApiKeyResource(ApiKeyService keys, CurrentCaller caller) {
        this.keys = keys;
        this.caller = caller;
    }

    @POST
    @ResponseStatus(201)
    @Operation(summary = "Create an API key", description = "Returns the key once; only its hash is kept.")
    public CreatedApiKeyBody create(CreateApiKey request) {
        var created = keys.create(caller.get(), request == null ? null : request.name(),
                request == null ? null : request.role());
        return new CreatedApiKeyBody(created.apiKey(), created.key());
    }

    @GET
    @Operation(summary = "List the organisation's API keys (never the keys themselves)")
    public List<ApiKeyView> list() {
        return keys.list(caller.get());
    }

    @DELETE
    @Path("{id}")
    @Operation(summary = "Revoke an API key", description = "Calls with it are refused from now on.")
    public ApiKeyView revoke(@PathParam("id") String id) {
        return keys.revoke(caller.get(), id);
    }
}
