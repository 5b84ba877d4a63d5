package dev.outpost.control.job;

import java.util.ArrayList;
import java.util.List;

import dev.outpost.proto.interactive.v1.Row;
import dev.outpost.proto.interactive.v1.TransientView;

/**
 * One page of a check's failing rows: a transient view of customer data, relayed from the edge in memory and never
 * stored or logged by control-api.
 *
 * @param jobId     the job
 * @param check     the check's name
 * @param page      zero-based page number
 * @param pageSize  rows per page
 * @param totalRows sample rows stored for the check in all
 * @param columns   column names
 * @param rows      the rows, one value per column (null for SQL null)
 */
public record FailingRowsPage(String jobId, String check, int page, int pageSize, long totalRows, List<String> columns,
        List<List<String>> rows) {

    static FailingRowsPage of(String jobId, String check, int page, int pageSize, long totalRows, TransientView view) {
        List<List<String>> rows = new ArrayList<>(view.getRowsCount());
        for (Row row : view.getRowsList()) {
            List<String> values = new ArrayList<>(row.getValuesList());
            row.getNullsList().forEach(index -> values.set(index, null));
            rows.add(values);
        }
        return new FailingRowsPage(jobId, check, page, pageSize, totalRows, view.getColumnsList(), rows);
    }
}
