package dev.outpost.control.ruleset;

import java.util.List;

import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
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

/** REST: rule sets. */
@Path("/api/v1/rule-sets")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@Tag(name = "Rule sets", description = "Checks written in YAML (docs/rule-sets.md)")
@SecurityRequirement(name = ApiKeyResource.SCHEME)
public class RuleSetResource {

    /** @param name the rule set's unique name; @param yaml the YAML document */
    public record CreateRuleSet(String name, String yaml) {
    }

    /** @param yaml the new YAML document */
    public record ReplaceRuleSet(String yaml) {
    }

    private final RuleSetService ruleSets;
    private final CurrentCaller caller;

    RuleSetResource(RuleSetService ruleSets, CurrentCaller caller) {
        this.ruleSets = ruleSets;
        this.caller = caller;
    }

    @POST
    @ResponseStatus(201)
    @Operation(summary = "Validate and store a rule set",
            description = "A 400 answer lists every problem with its line and column in the YAML.")
    public RuleSetView create(CreateRuleSet request) {
        return ruleSets.create(caller.get(), request == null ? null : request.name(),
                request == null ? null : request.yaml());
    }

    @PUT
    @Path("{id}")
    @Operation(summary = "Replace a rule set's YAML",
            description = "Validated like a new rule set: a 400 answer lists every problem with its line and column. "
                    + "A different YAML is the next version; jobs keep the version and YAML they ran with.")
    public RuleSetView replace(@PathParam("id") String id, ReplaceRuleSet request) {
        return ruleSets.replace(caller.get(), id, request == null ? null : request.yaml());
    }

    @DELETE
    @Path("{id}")
    @ResponseStatus(204)
    @Operation(summary = "Delete a rule set", description = "Jobs that ran with it stay readable and its name can be "
            + "used again. Refused with 409 while a job with it is queued or running.")
    @APIResponse(responseCode = "204", description = "Deleted")
    public void delete(@PathParam("id") String id) {
        ruleSets.delete(caller.get(), id);
    }

    @GET
    @Operation(summary = "List rule sets")
    public List<RuleSetView> list() {
        return ruleSets.list(caller.get());
    }

    @GET
    @Path("{id}")
    @Operation(summary = "Get one rule set")
    public RuleSetView get(@PathParam("id") String id) {
        return ruleSets.get(caller.get(), id);
    }
}
