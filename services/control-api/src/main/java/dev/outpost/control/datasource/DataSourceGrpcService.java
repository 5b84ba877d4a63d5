package dev.outpost.control.datasource;

import dev.outpost.control.auth.ApiKeyInterceptor;
import dev.outpost.control.auth.GrpcCallers;
import dev.outpost.control.error.GrpcErrors;
import dev.outpost.proto.api.v1.CreateDataSourceRequest;
import dev.outpost.proto.api.v1.DataSource;
import dev.outpost.proto.api.v1.DataSourceServiceGrpc;
import dev.outpost.proto.api.v1.DeleteDataSourceRequest;
import dev.outpost.proto.api.v1.DeleteDataSourceResponse;
import dev.outpost.proto.api.v1.GetDataSourceRequest;
import dev.outpost.proto.api.v1.ListDataSourcesRequest;
import dev.outpost.proto.api.v1.ListDataSourcesResponse;
import dev.outpost.proto.api.v1.UpdateDataSourceRequest;
import dev.outpost.proto.job.v1.DataFormat;
import dev.outpost.proto.job.v1.DataLocation;
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
        DataLocation location = request.getLocation();
        GrpcErrors.reply(response, () -> toProto(dataSources.create(callers.current(), request.getName(), request.getEdgeId(),
                location.getBucket(), location.getPrefix(),
                location.getFormat() == DataFormat.DATA_FORMAT_UNSPECIFIED ? null
                        : DataFormats.name(location.getFormat()))));
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
                request.hasBucket() ? request.getBucket() : null, request.hasPrefix() ? request.getPrefix() : null,
                request.getFormat() == DataFormat.DATA_FORMAT_UNSPECIFIED ? null
                        : DataFormats.name(request.getFormat()))));
    }

    @Override
    public void deleteDataSource(DeleteDataSourceRequest request, StreamObserver<DeleteDataSourceResponse> response) {
        GrpcErrors.reply(response, () -> {
            dataSources.delete(callers.current(), request.getId());
            return DeleteDataSourceResponse.getDefaultInstance();
        });
    }

    private static DataSource toProto(DataSourceView view) {
        DataSource.Builder proto = DataSource.newBuilder()
                .setId(view.id())
                .setName(view.name())
                .setEdgeId(view.edgeId())
                .setLocation(DataLocation.newBuilder()
                        .setBucket(view.bucket())
                        .setPrefix(view.prefix())
                        .setFormat(DataFormats.parse(view.format())))
                .setCreatedMillis(view.createdAt().toEpochMilli());
        if (view.updatedAt() != null) {
            proto.setUpdatedMillis(view.updatedAt().toEpochMilli());
        }
        return proto.build();
    }
}
