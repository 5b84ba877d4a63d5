package dev.outpost.control.job;

import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import dev.outpost.control.auth.Caller;
import dev.outpost.control.error.ConflictException;
import dev.outpost.control.link.InteractiveCalls;
import dev.outpost.proto.api.v1.Profile;
import dev.outpost.proto.interactive.v1.InteractiveRequest;
import dev.outpost.proto.interactive.v1.ReadProfileReply;
import dev.outpost.proto.interactive.v1.ReadProfileRequest;
import dev.outpost.proto.job.v1.JobKind;

/**
 * Fetches a profiling job's value-bearing profile (min, max, mean, quantiles, top values) from the edge's
 * results-reader for a person to look at; relayed in memory, never stored: those are data values.
 */
@ApplicationScoped
public class JobProfiles {

    /**
     * A profiling job's profile: customer data shown on request, never stored or logged by control-api.
     *
     * @param jobId   the job
     * @param rows    rows in the profiled data set
     * @param columns the profile's columns: column, type, min, max, mean, stddev, quantiles (a JSON object from
     *                fraction to value), top_values (a JSON array of {value, count})
     * @param values  one row per profiled column, null where a statistic does not apply
     */
    public record ProfileView(String jobId, long rows, List<String> columns, List<List<String>> values) {
    }

    private static final String PROFILE = JobKinds.name(JobKind.JOB_KIND_PROFILE);

    private final InteractiveCalls interactive;

    JobProfiles(InteractiveCalls interactive) {
        this.interactive = interactive;
    }

    /** For REST. */
    public ProfileView read(Caller caller, String jobId) {
        ReadProfileReply reply = fetch(caller, jobId);
        return new ProfileView(jobId, reply.getRows(), reply.getView().getColumnsList(),
                TransientRows.of(reply.getView()));
    }

    /** For gRPC. */
    public Profile readProto(Caller caller, String jobId) {
        ReadProfileReply reply = fetch(caller, jobId);
        return Profile.newBuilder().setJobId(jobId).setRows(reply.getRows()).setView(reply.getView()).build();
    }

    private ReadProfileReply fetch(Caller caller, String jobId) {
        Job job = requireProfiled(caller, jobId);
        return interactive.call(caller, job.edgeId, InteractiveRequest.newBuilder()
                .setReadProfile(ReadProfileRequest.newBuilder().setJobId(jobId))).getReadProfile();
    }

    @Transactional
    Job requireProfiled(Caller caller, String jobId) {
        Job job = JobService.require(caller.organisation("read profiles"), jobId);
        if (!PROFILE.equals(job.kind)) {
            throw new ConflictException("Job " + jobId + " is a " + job.kind + " job: profiles exist only for "
                    + "profile jobs; submit one with kind profile");
        }
        if (!"SUCCEEDED".equals(job.state)) {
            throw new ConflictException("Job " + jobId + " is " + job.state.toLowerCase()
                    + ": a profile exists only once the job succeeded");
        }
        return job;
    }
}
