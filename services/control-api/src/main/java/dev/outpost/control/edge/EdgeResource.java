package dev.outpost.control.edge;

import java.time.Instant;
import java.util.List;

import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PATCH;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.ResponseStatus;

import dev.outpost.control.auth.ApiKeyResource;
import dev.outpost.control.auth.CurrentCaller;

/** REST: edges. */
@Path("/api/v1/edges")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@Tag(name = "Edges", description = "Compute planes in customers' clouds")
@SecurityRequirement(name = ApiKeyResource.SCHEME)
public class EdgeResource {

    /** @param name the edge's unique name */
    public record CreateEdge(String name) {
    }

    /**
     * @param edge    the new edge
     * @param token   its token, shown only in this response
     * @param install its values file and install commands for the outpost-edge chart, shown only in this response
     */
    public record CreatedEdgeBody(EdgeView edge, String token, EdgeInstall install) {
    }

    /**
     * @param edge                   the edge
     * @param token                  its new token, shown only in this response
     * @param previousTokenExpiresAt until when the previous token is still accepted
     * @param install                the install with the new token, shown only in this response
     */
    public record RotatedTokenBody(EdgeView edge, String token, Instant previousTokenExpiresAt, EdgeInstall install) {
    }

    /** @param name the edge's name; it cannot change, so only the current name is accepted */
    public record UpdateEdge(String name) {
    }

    private final EdgeService edges;
    private final CurrentCaller caller;

    EdgeResource(EdgeService edges, CurrentCaller caller) {
        this.edges = edges;
        this.caller = caller;
    }

    @POST
    @ResponseStatus(201)
    @Operation(summary = "Register an edge", description = "Returns the edge token once, with the edge's Helm values "
            + "file and install commands; only the token's hash is kept.")
    @APIResponse(responseCode = "201", description = "Created")
    public CreatedEdgeBody create(CreateEdge request) {
        var created = edges.create(caller.get(), request == null ? null : request.name());
        return new CreatedEdgeBody(created.edge(), created.token(), created.install());
    }

    @POST
    @Path("{id}/token")
    @Consumes(MediaType.WILDCARD) // takes no body, so a bare POST works
    @Operation(summary = "Rotate an edge's token", description = "Returns a new token once, with the install that "
            + "carries it. The new token works at once; the previous one is accepted until previousTokenExpiresAt "
            + "(outpost.control.edge-token-grace), then refused.")
    public RotatedTokenBody rotateToken(@PathParam("id") String id) {
        var rotated = edges.rotateToken(caller.get(), id);
        return new RotatedTokenBody(rotated.edge(), rotated.token(), rotated.previousTokenExpiresAt(),
                rotated.install());
    }

    @PATCH
    @Path("{id}")
    @Operation(summary = "Change an edge", description = "An edge's name is immutable (it names the edge's Helm "
            + "release and namespace): a different name is refused with 400.")
    public EdgeView update(@PathParam("id") String id, UpdateEdge request) {
        return edges.rename(caller.get(), id, request == null ? null : request.name());
    }

    @DELETE
    @Path("{id}")
    @ResponseStatus(204)
    @Operation(summary = "Remove an edge", description = "Revokes its tokens and closes its open link within "
            + "seconds; reconnects are refused. Its jobs stay readable; its name is not reused.")
    @APIResponse(responseCode = "204", description = "Removed")
    public void remove(@PathParam("id") String id) {
        edges.remove(caller.get(), id);
    }

    @GET
    @Operation(summary = "List edges with their link status")
    public List<EdgeView> list() {
        return edges.list(caller.get());
    }

    @GET
    @Path("{id}")
    @Operation(summary = "Get one edge with its link status (connected / disconnected, last seen)")
    public EdgeView get(@PathParam("id") String id) {
        return edges.get(caller.get(), id);
    }
}
