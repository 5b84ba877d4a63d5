package dev.outpost.control.job;

import java.util.List;

import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.ResponseHeader;
import org.jboss.resteasy.reactive.ResponseStatus;

import dev.outpost.control.auth.ApiKeyResource;
import dev.outpost.control.auth.CurrentCaller;

/** REST: jobs. */
@Path("/api/v1/jobs")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@Tag(name = "Jobs", description = "Run a rule set on a data source and read its outcome")
@SecurityRequirement(name = ApiKeyResource.SCHEME)
public class JobResource {

    /**
     * @param dataSourceId the data source to read
     * @param ruleSetId    the rule set to apply (kind {@code check} only)
     * @param sampleLimit  failing rows to keep per check, 0 … 1000 (default 100; kind {@code check} only)
     * @param kind         {@code check} (default: apply the rule set) or {@code profile} (each column's type, nulls
     *                     and distinct count; no rule set)
     */
    public record SubmitJob(String dataSourceId, String ruleSetId, Integer sampleLimit, String kind) {
    }

    private final JobService jobs;
    @Inject
    JobProfiles profiles;
    @Inject
    FailingGroups groups;
    private final FailingRows failingRows;
    private final CurrentCaller caller;

    JobResource(JobService jobs, FailingRows failingRows, CurrentCaller caller) {
        this.jobs = jobs;
        this.failingRows = failingRows;
        this.caller = caller;
    }

    @POST
    @ResponseStatus(202)
    @Operation(summary = "Submit a job", description = "The job starts QUEUED; poll it (or watch it over gRPC).")
    public JobView submit(SubmitJob request) {
        return request == null ? jobs.submit(caller.get(), (String) null, null, null, null)
                : jobs.submit(caller.get(), request.kind(), request.dataSourceId(), request.ruleSetId(),
                        request.sampleLimit());
    }

    @GET
    @Operation(summary = "List jobs, newest first")
    public List<JobView> list(@QueryParam("limit") @DefaultValue("100") int limit) {
        return jobs.list(caller.get(), limit);
    }

    @GET
    @Path("{id}")
    @Operation(summary = "Get one job with its per-check aggregates and DQ scores")
    public JobView get(@PathParam("id") String id) {
        return jobs.get(caller.get(), id);
    }

    @GET
    @Path("{id}/checks/{check}/failing-rows")
    @ResponseHeader(name = "Cache-Control", value = "no-store")
    @Operation(summary = "Read a page of a check's failing rows",
            description = "Decrypted on the edge by results-reader, filtered and sorted there, and relayed in memory: "
                    + "control-api never stores them. With presigned=true the rows stay in the customer's bucket: the "
                    + "answer carries no rows but a URL (valid at most 5 minutes) that fetches the page as JSON. Needs "
                    + "the edge to be connected.")
    public FailingRowsPage failingRows(@PathParam("id") String id, @PathParam("check") String check,
            @QueryParam("page") @DefaultValue("0") int page,
            @QueryParam("pageSize") @DefaultValue("50") int pageSize,
            @Parameter(description = "column:operator[:value], operator equals, contains (ignores case), is_null or "
                    + "is_not_null; repeat for several (all must match)") @QueryParam("filter") List<String> filter,
            @Parameter(description = "column (smallest first) or -column (largest first); repeat for tie-breakers. "
                    + "A column whose values are all numbers sorts as numbers, any other as text; nulls last")
            @QueryParam("sort") List<String> sort,
            @Parameter(description = "true: answer a pre-signed URL to the page instead of its rows")
            @QueryParam("presigned") String presigned) {
        return failingRows.read(caller.get(), id, check, page, pageSize,
                FailingRowsQuery.fromRest(filter, sort, presigned));
    }

    @GET
    @Path("{id}/checks/{check}/failing-groups")
    @ResponseHeader(name = "Cache-Control", value = "no-store")
    @Operation(summary = "Read a page of a group_by check's failing groups",
            description = "One row per group that did not pass: its key (the group_by columns), rows checked, rows "
                    + "failed and the measured value. Decrypted on the edge and relayed in memory: control-api never "
                    + "stores them. Needs the edge to be connected.")
    public FailingGroups.Page failingGroups(@PathParam("id") String id, @PathParam("check") String check,
            @QueryParam("page") @DefaultValue("0") int page,
            @QueryParam("pageSize") @DefaultValue("50") int pageSize) {
        return groups.read(caller.get(), id, check, page, pageSize);
    }

    @GET
    @Path("{id}/profile")
    @ResponseHeader(name = "Cache-Control", value = "no-store")
    @Operation(summary = "Read a profiling job's profile",
            description = "Min, max, mean, standard deviation, quantiles and top values per column of a succeeded "
                    + "profile job, decrypted on the edge and relayed in memory: control-api never stores them. "
                    + "Needs the edge to be connected.")
    public JobProfiles.ProfileView profile(@PathParam("id") String id) {
        return profiles.read(caller.get(), id);
    }
}
