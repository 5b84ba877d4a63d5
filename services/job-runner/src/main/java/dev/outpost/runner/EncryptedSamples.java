package dev.outpost.runner;

import java.util.ArrayList;
import java.util.List;

import dev.outpost.dq.rules.Check;
import dev.outpost.dq.scan.SampleSink;
import dev.outpost.edge.ResultsStore;
import dev.outpost.proto.interactive.v1.Row;
import dev.outpost.proto.results.v1.FailingRowSamples;

/** Stores each failing check's samples of one job, sealed, in the customer's results bucket. */
final class EncryptedSamples implements SampleSink {

    private final ResultsStore store;
    private final String jobId;
    private int checks;
    private long rows;

    EncryptedSamples(ResultsStore store, String jobId) {
        this.store = store;
        this.jobId = jobId;
    }

    @Override
    public void accept(Check check, List<String> columns, List<List<String>> sampled) {
        FailingRowSamples.Builder samples = FailingRowSamples.newBuilder()
                .setJobId(jobId)
                .setCheckName(check.name())
                .addAllColumns(columns);
        sampled.forEach(values -> samples.addRows(row(values)));
        store.write(samples.build());
        checks++;
        rows += sampled.size();
    }

    /** A row in the wire form: "" for a null value, with its index in {@code nulls}. */
    static Row row(List<String> values) {
        Row.Builder row = Row.newBuilder();
        List<Integer> nulls = new ArrayList<>();
        for (int i = 0; i < values.size(); i++) {
            String value = values.get(i);
            row.addValues(value == null ? "" : value);
            if (value == null) {
                nulls.add(i);
            }
        }
        return row.addAllNulls(nulls).build();
    }

    /** How many checks had samples stored. */
    int checks() {
        return checks;
    }

    /** How many sample rows were stored, over all checks. */
    long rows() {
        return rows;
    }
}
