package dev.outpost.resultsreader;

import java.math.BigDecimal;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.ListValue;
import com.google.protobuf.MessageOrBuilder;
import com.google.protobuf.Struct;
import com.google.protobuf.Value;
import com.google.protobuf.util.JsonFormat;

import dev.outpost.edge.InteractiveException;
import dev.outpost.edge.ResultsStore;
import dev.outpost.proto.interactive.v1.ReadProfileReply;
import dev.outpost.proto.interactive.v1.ReadProfileRequest;
import dev.outpost.proto.interactive.v1.Row;
import dev.outpost.proto.interactive.v1.TransientView;
import dev.outpost.proto.results.v1.ColumnValues;
import dev.outpost.proto.results.v1.ProfileValues;
import dev.outpost.proto.results.v1.Quantile;
import dev.outpost.proto.results.v1.ValueCount;

/**
 * A profiling job's value-bearing profile, decrypted and shown as a transient view: min, max and top values are data
 * values, so the profile travels like rows do.
 */
@ApplicationScoped
class Profiles {

    /** The view's columns, one row per profiled column. */
    static final List<String> COLUMNS = List.of("column", "type", "min", "max", "mean", "stddev", "quantiles",
            "top_values");

    private static final JsonFormat.Printer JSON = JsonFormat.printer().omittingInsignificantWhitespace();

    private final ResultsStore store;

    Profiles(ResultsStore store) {
        this.store = store;
    }

    /**
     * @throws InteractiveException NOT_FOUND when no profile is stored for the job, INVALID_REQUEST without a job id
     */
    ReadProfileReply read(ReadProfileRequest request) {
        if (request.getJobId().isBlank()) {
            throw InteractiveException.invalidRequest("read_profile needs a job_id");
        }
        ProfileValues profile = store.readProfile(request.getJobId())
                .orElseThrow(() -> InteractiveException.notFound("No profile is stored for job " + request.getJobId()
                        + ": it is not a profiling job, it has not finished, or its profile was removed from the "
                        + "results bucket. Run a profiling job (kind profile) on the data source to get one"));
        TransientView.Builder view = TransientView.newBuilder().addAllColumns(COLUMNS);
        profile.getColumnsList().forEach(column -> view.addRows(row(column)));
        return ReadProfileReply.newBuilder().setView(view).setRows(profile.getRows()).build();
    }

    private static Row row(ColumnValues column) {
        Row.Builder row = Row.newBuilder().addValues(column.getName()).addValues(column.getType());
        add(row, column.hasMin() ? column.getMin() : null);
        add(row, column.hasMax() ? column.getMax() : null);
        add(row, column.hasMean() ? number(column.getMean()) : null);
        add(row, column.hasStddev() ? number(column.getStddev()) : null);
        add(row, column.getQuantilesCount() == 0 ? null : json(quantiles(column.getQuantilesList())));
        add(row, column.getTopValuesCount() == 0 ? null : json(topValues(column.getTopValuesList())));
        return row.build();
    }

    private static void add(Row.Builder row, String value) {
        if (value == null) {
            row.addNulls(row.getValuesCount());
        }
        row.addValues(value == null ? "" : value);
    }

    /** Plain decimal notation ({@code 2.5}, {@code 10000000000}), not Java's {@code 1.0E10}. */
    private static String number(double value) {
        return Double.isFinite(value) ? BigDecimal.valueOf(value).stripTrailingZeros().toPlainString()
                : Double.toString(value);
    }

    private static Struct quantiles(List<Quantile> quantiles) {
        Struct.Builder json = Struct.newBuilder();
        quantiles.forEach(q -> json.putFields(number(q.getFraction()), Value.newBuilder().setNumberValue(q.getValue())
                .build()));
        return json.build();
    }

    private static ListValue topValues(List<ValueCount> values) {
        ListValue.Builder json = ListValue.newBuilder();
        for (ValueCount value : values) {
            json.addValues(Value.newBuilder().setStructValue(Struct.newBuilder()
                    .putFields("value", Value.newBuilder().setStringValue(value.getValue()).build())
                    .putFields("count", Value.newBuilder().setNumberValue(value.getCount()).build())));
        }
        return json.build();
    }

    private static String json(MessageOrBuilder value) {
        try {
            return JSON.print(value);
        } catch (InvalidProtocolBufferException e) {
            throw new IllegalStateException("Struct and ListValue always print as JSON", e);
        }
    }
}
