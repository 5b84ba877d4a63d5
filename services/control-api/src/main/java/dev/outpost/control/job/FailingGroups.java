package dev.outpost.control.job;

import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import dev.outpost.control.auth.Caller;
import dev.outpost.control.link.InteractiveCalls;
import dev.outpost.proto.api.v1.FailingGroupsPage;
import dev.outpost.proto.api.v1.GetFailingGroupsRequest;
import dev.outpost.proto.interactive.v1.InteractiveRequest;
import dev.outpost.proto.interactive.v1.ReadFailingGroupsReply;
import dev.outpost.proto.interactive.v1.ReadFailingGroupsRequest;

/**
 * Fetches pages of a {@code group_by} check's failing groups from the edge's results-reader for a person to look at:
 * group keys are data values, so they are relayed in memory and never stored.
 */
@ApplicationScoped
public class FailingGroups {

    /**
     * A page of failing groups: a transient view of customer data, never stored or logged by control-api.
     *
     * @param jobId              the job
     * @param check              the check's name
     * @param page               zero-based page number
     * @param pageSize           groups per page
     * @param groups             groups the check evaluated
     * @param totalFailingGroups failing groups the edge stores (at most the job's sample limit)
     * @param columns            the group_by columns, then rows_checked, rows_failed, observed
     * @param rows               one row per group (null for SQL null, and for observed when not measured)
     */
    public record Page(String jobId, String check, int page, int pageSize, long groups, long totalFailingGroups,
            List<String> columns, List<List<String>> rows) {
    }

    private final InteractiveCalls interactive;
    private final FailingRows checks;

    FailingGroups(InteractiveCalls interactive, FailingRows checks) {
        this.interactive = interactive;
        this.checks = checks;
    }

    /** For REST. */
    public Page read(Caller caller, String jobId, String check, int page, int pageSize) {
        ReadFailingGroupsReply reply = fetch(caller, jobId, check, page, pageSize);
        return new Page(jobId, check, page, pageSize, reply.getGroups(), reply.getTotalFailingGroups(),
                reply.getView().getColumnsList(), TransientRows.of(reply.getView()));
    }

    /** For gRPC. */
    public FailingGroupsPage read(Caller caller, GetFailingGroupsRequest request) {
        int pageSize = request.getPageSize() == 0 ? FailingRows.DEFAULT_PAGE_SIZE : request.getPageSize();
        ReadFailingGroupsReply reply = fetch(caller, request.getJobId(), request.getCheck(), request.getPage(),
                pageSize);
        return FailingGroupsPage.newBuilder().setJobId(request.getJobId()).setCheck(request.getCheck())
                .setPage(request.getPage()).setPageSize(pageSize).setGroups(reply.getGroups())
                .setTotalFailingGroups(reply.getTotalFailingGroups()).setView(reply.getView()).build();
    }

    private ReadFailingGroupsReply fetch(Caller caller, String jobId, String check, int page, int pageSize) {
        Job job = checks.requireCheckOf(caller, jobId, check);
        FailingRows.checkPage(page, pageSize);
        return interactive.call(caller, job.edgeId, InteractiveRequest.newBuilder()
                .setReadFailingGroups(ReadFailingGroupsRequest.newBuilder()
                        .setJobId(jobId).setCheckName(check).setPage(page).setPageSize(pageSize)))
                .getReadFailingGroups();
    }
}
