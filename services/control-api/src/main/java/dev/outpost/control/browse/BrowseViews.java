package dev.outpost.control.browse;

import java.util.List;
import java.util.Locale;

import com.fasterxml.jackson.annotation.JsonInclude;

import dev.outpost.control.datasource.DataSourceFiles.ColumnView;
import dev.outpost.control.job.TransientRows;
import dev.outpost.proto.interactive.v1.BrowseReply;
import dev.outpost.proto.interactive.v1.FileFormat;
import dev.outpost.proto.interactive.v1.ObjectEntry;
import dev.outpost.proto.interactive.v1.PreviewReply;
import dev.outpost.proto.interactive.v1.TableEntry;
import dev.outpost.proto.interactive.v1.TestConnectionReply;

/** What test connection, browse and preview answer over REST. */
public final class BrowseViews {

    private BrowseViews() {
    }

    /**
     * The data source can be reached and read.
     *
     * @param dataSourceId the data source
     * @param checks       one line per check that passed
     */
    public record ConnectionTest(String dataSourceId, List<String> checks) {

        static ConnectionTest of(String dataSourceId, TestConnectionReply reply) {
            return new ConnectionTest(dataSourceId, reply.getChecksList());
        }
    }

    /**
     * One level of a data source: names, sizes, types and counts.
     *
     * @param dataSourceId the data source
     * @param prefixes     files: the sub-prefixes directly under the prefix, each ending in {@code /} (else empty)
     * @param objects      files: the objects directly under the prefix (else empty)
     * @param schemas      table sources: the database's schemas, when no schema was given (else empty)
     * @param tables       table sources: the schema's tables and views, when a schema was given (else empty)
     * @param truncated    whether more entries exist than were returned
     */
    public record Listing(String dataSourceId, List<String> prefixes, List<ObjectView> objects,
            List<SchemaView> schemas, List<TableView> tables, boolean truncated) {

        static Listing of(String dataSourceId, BrowseReply reply) {
            return new Listing(dataSourceId, reply.getPrefixesList(),
                    reply.getObjectsList().stream().map(ObjectView::of).toList(),
                    reply.getSchemasList().stream().map(s -> new SchemaView(s.getName(), s.getTableCount())).toList(),
                    reply.getTablesList().stream().map(TableView::of).toList(), reply.getTruncated());
        }
    }

    /**
     * One S3 object.
     *
     * @param key            its full key
     * @param sizeBytes      its size
     * @param format         {@code csv}, {@code parquet}, {@code json_lines} or {@code unknown}, from its extension
     * @param columns        inferred columns
     * @param rowCount       its rows; see rowCountKind
     * @param rowCountKind   {@code exact}, {@code estimated} or {@code unknown}
     * @param inferenceError why columns or rows could not be inferred, if so
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record ObjectView(String key, long sizeBytes, String format, List<ColumnView> columns, long rowCount,
            String rowCountKind, String inferenceError) {

        static ObjectView of(ObjectEntry entry) {
            // A format a newer edge knows and this control-api does not is "unknown" here.
            String format = entry.getFormat() == FileFormat.UNRECOGNIZED ? "unknown"
                    : entry.getFormat().name().substring("FILE_FORMAT_".length()).toLowerCase(Locale.ROOT);
            return new ObjectView(entry.getKey(), entry.getSizeBytes(), format,
                    MetadataViews.columns(entry.getColumnsList()), entry.getRowCount(),
                    MetadataViews.rowCountKind(entry.getRowCountKind()),
                    entry.getInferenceError().isEmpty() ? null : entry.getInferenceError());
        }
    }

    /** @param name the schema; @param tableCount its tables and views */
    public record SchemaView(String name, int tableCount) {
    }

    /**
     * A table or view.
     *
     * @param name        its exact name
     * @param kind        {@code table}, {@code view}, {@code materialized view}, …
     * @param rowEstimate PostgreSQL's estimate of its rows; -1 when never analysed, or for a view
     * @param columns     its columns with PostgreSQL's type names
     */
    public record TableView(String name, String kind, long rowEstimate, List<ColumnView> columns) {

        static TableView of(TableEntry entry) {
            return new TableView(entry.getName(), entry.getKind(), entry.getRowEstimate(),
                    MetadataViews.columns(entry.getColumnsList()));
        }
    }

    /**
     * The first rows of an object or table: a transient view of customer data, relayed from the edge in memory and
     * never stored or logged by control-api.
     *
     * @param dataSourceId the data source
     * @param columns      column names
     * @param rows         the rows, one value per column (null for SQL null)
     * @param truncated    whether the object or table has more rows
     */
    public record Preview(String dataSourceId, List<String> columns, List<List<String>> rows, boolean truncated) {

        static Preview of(String dataSourceId, PreviewReply reply) {
            return new Preview(dataSourceId, reply.getView().getColumnsList(), TransientRows.of(reply.getView()),
                    reply.getTruncated());
        }
    }
}
