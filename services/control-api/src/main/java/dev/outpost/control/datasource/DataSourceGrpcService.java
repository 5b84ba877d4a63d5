package dev.outpost.control.datasource;

import dev.outpost.control.auth.ApiKeyInterceptor;
import dev.outpost.control.auth.GrpcCallers;
import dev.outpost.control.error.GrpcErrors;
import dev.outpost.control.error.InvalidInputException;
import dev.outpost.proto.api.v1.CreateDataSourceRequest;
import dev.outpost.proto.api.v1.DataSource;
import dev.outpost.proto.api.v1.DataSourceServiceGrpc;
import dev.outpost.proto.api.v1.DeleteDataSourceRequest;
import dev.outpost.proto.api.v1.DeleteDataSourceResponse;
import dev.outpost.proto.api.v1.GetDataSourceRequest;
import dev.outpost.proto.api.v1.ListDataSourcesRequest;
import dev.outpost.proto.api.v1.ListDataSourcesResponse;
import dev.outpost.proto.api.v1.UpdateDataSourceRequest;
import dev.outpost.proto.job.v1.CsvOptions;
import dev.outpost.proto.job.v1.DataFormat;
import dev.outpost.proto.job.v1.DataLocation;
import dev.outpost.proto.job.v1.DatabaseTable;
import dev.outpost.proto.job.v1.JobSource;
import io.grpc.stub.StreamObserver;
import io.quarkus.grpc.GrpcService;
import io.quarkus.grpc.RegisterInterceptor;
import io.smallrye.common.annotation.Blocking;

/** gRPC: data sources. */
@GrpcService
@Blocking
@RegisterInterceptor(ApiKeyInterceptor.class)
public class DataSourceGrpcService extends DataSourceServiceGrpc.DataSourceServiceImplBase {

    private final DataSourceService dataSources;
    private final GrpcCallers callers;

    DataSourceGrpcService(DataSourceService dataSources, GrpcCallers callers) {
        this.dataSources = dataSources;
        this.callers = callers;
    }

    @Override
    public void createDataSource(CreateDataSourceRequest request, StreamObserver<DataSource> response) {
        GrpcErrors.reply(response, () -> {
            if (request.hasLocation() && request.hasTable()) {
                throw new InvalidInputException("A data source is files or a table, not both: set either location"
                        + " (files in S3) or table (a PostgreSQL table)");
            }
            DataLocation location = request.getLocation();
            DataSourceDefinition definition = request.hasTable() ? tableOnly(table(request.getTable()))
                    : new DataSourceDefinition(location.getBucket(), location.getPrefix(), format(location.getFormat()),
                            location.getGlob(), location.hasCsv() ? csv(location.getCsv()) : null, null);
            return toProto(dataSources.create(callers.current(), request.getName(), request.getEdgeId(),
                    request.hasLocation() || request.hasTable() ? definition : DataSourceDefinition.NONE));
        });
    }

    @Override
    public void getDataSource(GetDataSourceRequest request, StreamObserver<DataSource> response) {
        GrpcErrors.reply(response, () -> toProto(dataSources.get(callers.current(), request.getId())));
    }

    @Override
    public void listDataSources(ListDataSourcesRequest request, StreamObserver<ListDataSourcesResponse> response) {
        GrpcErrors.reply(response, () -> ListDataSourcesResponse.newBuilder()
                .addAllDataSources(dataSources.list(callers.current()).stream().map(DataSourceGrpcService::toProto).toList())
                .build());
    }

    @Override
    public void updateDataSource(UpdateDataSourceRequest request, StreamObserver<DataSource> response) {
        GrpcErrors.reply(response, () -> toProto(dataSources.update(callers.current(), request.getId(),
                request.hasName() ? request.getName() : null, request.hasEdgeId() ? request.getEdgeId() : null,
                new DataSourceDefinition(request.hasBucket() ? request.getBucket() : null,
                        request.hasPrefix() ? request.getPrefix() : null, format(request.getFormat()),
                        request.hasGlob() ? request.getGlob() : null,
                        request.hasCsv() ? csv(request.getCsv()) : null,
                        request.hasTable() ? table(request.getTable()) : null))));
    }

    @Override
    public void deleteDataSource(DeleteDataSourceRequest request, StreamObserver<DeleteDataSourceResponse> response) {
        GrpcErrors.reply(response, () -> {
            dataSources.delete(callers.current(), request.getId());
            return DeleteDataSourceResponse.getDefaultInstance();
        });
    }

    private static DataSourceDefinition tableOnly(DataSourceView.DatabaseTableView table) {
        return new DataSourceDefinition(null, null, null, null, null, table);
    }

    /** The API name, or null (absent) for DATA_FORMAT_UNSPECIFIED. */
    private static String format(DataFormat format) {
        return format == DataFormat.DATA_FORMAT_UNSPECIFIED ? null : DataFormats.name(format);
    }

    private static DataSourceView.CsvSettings csv(CsvOptions csv) {
        return new DataSourceView.CsvSettings(csv.hasHeader() ? csv.getHeader() : null, csv.getDelimiter(),
                csv.getQuote(), DataFormats.compressionName(csv.getCompression()));
    }

    private static DataSourceView.DatabaseTableView table(DatabaseTable table) {
        return new DataSourceView.DatabaseTableView(table.getDatabase().getJdbcUrl(), table.getDatabase().getUser(),
                table.getDatabase().getPasswordSecret(), table.getSchema(), table.getTable());
    }

    private static DataSource toProto(dev.outpost.control.datasource.DataSource source) {
        JobSource read = source.jobSource();
        DataSource.Builder proto = DataSource.newBuilder()
                .setId(source.id.toString())
                .setName(source.name)
                .setEdgeId(source.edgeId.toString())
                .setCreatedMillis(source.createdAt.toEpochMilli());
        if (read.hasTable()) {
            proto.setTable(read.getTable());
        } else {
            proto.setLocation(read.getFiles());
        }
        if (source.updatedAt != null) {
            proto.setUpdatedMillis(source.updatedAt.toEpochMilli());
        }
        return proto.build();
    }
}
