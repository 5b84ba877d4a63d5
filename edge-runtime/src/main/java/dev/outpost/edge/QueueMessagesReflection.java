package dev.outpost.edge;

import dev.outpost.proto.interactive.v1.BrowseFilesReply;
import dev.outpost.proto.interactive.v1.BrowseFilesRequest;
import dev.outpost.proto.interactive.v1.BrowseReply;
import dev.outpost.proto.interactive.v1.BrowseRequest;
import dev.outpost.proto.interactive.v1.DataSource;
import dev.outpost.proto.interactive.v1.FileEntry;
import dev.outpost.proto.interactive.v1.FileFormat;
import dev.outpost.proto.interactive.v1.FilterOperator;
import dev.outpost.proto.interactive.v1.InteractiveError;
import dev.outpost.proto.interactive.v1.InteractiveReply;
import dev.outpost.proto.interactive.v1.InteractiveRequest;
import dev.outpost.proto.interactive.v1.ObjectEntry;
import dev.outpost.proto.interactive.v1.PreviewReply;
import dev.outpost.proto.interactive.v1.PresignedPage;
import dev.outpost.proto.interactive.v1.PreviewRequest;
import dev.outpost.proto.interactive.v1.ReadFailingGroupsReply;
import dev.outpost.proto.interactive.v1.ReadFailingGroupsRequest;
import dev.outpost.proto.interactive.v1.ReadFailingRowsReply;
import dev.outpost.proto.interactive.v1.ReadFailingRowsRequest;
import dev.outpost.proto.interactive.v1.ReadProfileReply;
import dev.outpost.proto.interactive.v1.ReadProfileRequest;
import dev.outpost.proto.interactive.v1.Row;
import dev.outpost.proto.interactive.v1.RowFilter;
import dev.outpost.proto.interactive.v1.S3Location;
import dev.outpost.proto.interactive.v1.SchemaEntry;
import dev.outpost.proto.interactive.v1.SortKey;
import dev.outpost.proto.interactive.v1.TableEntry;
import dev.outpost.proto.interactive.v1.TestConnectionReply;
import dev.outpost.proto.interactive.v1.TestConnectionRequest;
import dev.outpost.proto.interactive.v1.TransientView;
import dev.outpost.proto.job.v1.CatalogEntry;
import dev.outpost.proto.job.v1.CheckResult;
import dev.outpost.proto.job.v1.CheckSeverity;
import dev.outpost.proto.job.v1.ColumnCounts;
import dev.outpost.proto.job.v1.ColumnInfo;
import dev.outpost.proto.job.v1.CsvCompression;
import dev.outpost.proto.job.v1.CsvOptions;
import dev.outpost.proto.job.v1.DataFormat;
import dev.outpost.proto.job.v1.DataLocation;
import dev.outpost.proto.job.v1.DatabaseTable;
import dev.outpost.proto.job.v1.Dimension;
import dev.outpost.proto.job.v1.DimensionScore;
import dev.outpost.proto.job.v1.JobEvent;
import dev.outpost.proto.job.v1.JobFailure;
import dev.outpost.proto.job.v1.JobKind;
import dev.outpost.proto.job.v1.JobProgress;
import dev.outpost.proto.job.v1.JobRequest;
import dev.outpost.proto.job.v1.JobResult;
import dev.outpost.proto.job.v1.JobSource;
import dev.outpost.proto.job.v1.JobSpec;
import dev.outpost.proto.job.v1.JobStarted;
import dev.outpost.proto.job.v1.PostgresDatabase;
import dev.outpost.proto.job.v1.RowCountKind;
import io.quarkus.runtime.annotations.RegisterForReflection;

/**
 * Native images: the queue bodies are protobuf JSON, and protobuf's JSON format reaches each generated message's
 * accessors (and each enum's {@code valueOf}) by reflection. These are the queue messages and every type they contain
 * (their nested classes, the Builders, come along). control-api and plane-manager get the same from quarkus-grpc; the
 * other compute-plane services have no gRPC. QueueMessagesReflectionTest keeps the list complete.
 */
@RegisterForReflection(targets = {JobRequest.class, JobEvent.class, InteractiveRequest.class, InteractiveReply.class,
        JobSpec.class, DataLocation.class, DataFormat.class, JobStarted.class, JobProgress.class, JobResult.class,
        JobFailure.class, CheckResult.class, CheckSeverity.class, Dimension.class, DimensionScore.class,
        InteractiveError.class, BrowseFilesRequest.class, BrowseFilesReply.class, FileEntry.class, ColumnInfo.class,
        ReadFailingRowsRequest.class, ReadFailingRowsReply.class, TransientView.class, Row.class,
        TestConnectionRequest.class, TestConnectionReply.class, BrowseRequest.class, BrowseReply.class, DataSource.class,
        S3Location.class, PostgresDatabase.class, ObjectEntry.class, FileFormat.class, RowCountKind.class,
        SchemaEntry.class, TableEntry.class, PreviewRequest.class, PreviewReply.class, CsvOptions.class, CsvCompression.class,
        DatabaseTable.class, JobSource.class, JobKind.class, ColumnCounts.class, CatalogEntry.class, RowFilter.class,
        FilterOperator.class, SortKey.class, PresignedPage.class, ReadProfileRequest.class, ReadProfileReply.class,
        ReadFailingGroupsRequest.class, ReadFailingGroupsReply.class})
final class QueueMessagesReflection {

    private QueueMessagesReflection() {
    }
}
