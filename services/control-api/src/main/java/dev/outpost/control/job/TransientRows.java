package dev.outpost.control.job;

import java.util.ArrayList;
import java.util.List;

import dev.outpost.proto.interactive.v1.Row;
import dev.outpost.proto.interactive.v1.TransientView;

/** A transient view's rows as JSON-friendly lists, with null for SQL null. */
public final class TransientRows {

    private TransientRows() {
    }

    /** The rows of {@code view}, one value per column, null where the view marks a null. */
    public static List<List<String>> of(TransientView view) {
        List<List<String>> rows = new ArrayList<>(view.getRowsCount());
        for (Row row : view.getRowsList()) {
            List<String> values = new ArrayList<>(row.getValuesList());
            row.getNullsList().forEach(index -> values.set(index, null));
            rows.add(values);
        }
        return rows;
    }
}
