package dev.outpost.control.edge;

import java.util.List;

import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
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

    /** @param edge the new edge; @param token its token, shown only in this response */
    public record CreatedEdgeBody(EdgeView edge, String token) {
    }

    private final EdgeService edges;
    private final CurrentCaller caller;

    EdgeResource(EdgeService edges, CurrentCaller caller) {
        this.edges = edges;
        this.caller = caller;
    }

    @POST
    @ResponseStatus(201)
    @Operation(summary = "Register an edge", description = "Returns the edge token once; only its hash is kept.")
    @APIResponse(responseCode = "201", description = "Created")
    public CreatedEdgeBody create(CreateEdge request) {
        var created = edges.create(caller.get(), request == null ? null : request.name());
        return new CreatedEdgeBody(created.edge(), created.token());
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
