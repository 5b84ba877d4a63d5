package dev.outpost.resultsreader;

import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import dev.outpost.edge.InteractiveException;
import dev.outpost.edge.ResultsStore;
import dev.outpost.proto.interactive.v1.ReadFailingGroupsReply;
import dev.outpost.proto.interactive.v1.ReadFailingGroupsRequest;
import dev.outpost.proto.interactive.v1.Row;
import dev.outpost.proto.interactive.v1.TransientView;
import dev.outpost.proto.results.v1.FailingGroup;
import dev.outpost.proto.results.v1.FailingGroups;

/** Cuts one page out of a {@code group_by} check's stored failing groups: group keys are data values. */
@ApplicationScoped
class FailingGroupPages {

    /** The view's columns after the group columns. */
    static final List<String> MEASURES = List.of("rows_checked", "rows_failed", "observed");

    private final ResultsStore store;

    FailingGroupPages(ResultsStore store) {
        this.store = store;
    }

    /**
     * @throws InteractiveException NOT_FOUND when no failing groups are stored for the check, INVALID_REQUEST when
     *     the request is incomplete
     */
    ReadFailingGroupsReply read(ReadFailingGroupsRequest request) {
        Paging.check("read_failing_groups", request.getJobId(), request.getCheckName(), request.getPage(),
                request.getPageSize());
        FailingGroups groups = store.readFailingGroups(request.getJobId(), request.getCheckName())
                .orElseThrow(() -> InteractiveException.notFound("No failing groups are stored for check '"
                        + request.getCheckName() + "' of job " + request.getJobId() + ": it is not a group_by "
                        + "check, every group passed, or the job ran with sample limit 0. Check the job's results"));
        List<FailingGroup> page = Paging.slice(groups.getFailingList(), request.getPage(), request.getPageSize());
        TransientView.Builder view = TransientView.newBuilder()
                .addAllColumns(groups.getGroupColumnsList()).addAllColumns(MEASURES);
        page.forEach(group -> view.addRows(row(group)));
        return ReadFailingGroupsReply.newBuilder()
                .setView(view)
                .setGroups(groups.getGroups())
                .setTotalFailingGroups(groups.getFailingCount())
                .build();
    }

    private static Row row(FailingGroup group) {
        Row.Builder row = group.getKey().toBuilder()
                .addValues(Long.toString(group.getRowsChecked()))
                .addValues(Long.toString(group.getRowsFailed()));
        if (group.hasObserved()) {
            row.addValues(Double.toString(group.getObserved()));
        } else {
            row.addNulls(row.getValuesCount()).addValues("");
        }
        return row.build();
    }
}
