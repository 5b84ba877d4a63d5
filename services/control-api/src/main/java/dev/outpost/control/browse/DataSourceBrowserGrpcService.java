package dev.outpost.control.browse;

import dev.outpost.control.auth.ApiKeyInterceptor;
import dev.outpost.control.auth.GrpcCallers;
import dev.outpost.control.error.GrpcErrors;
import dev.outpost.proto.api.v1.BrowseDataSourceRequest;
import dev.outpost.proto.api.v1.BrowseDataSourceResponse;
import dev.outpost.proto.api.v1.DataSourceBrowserServiceGrpc;
import dev.outpost.proto.api.v1.PreviewDataSourceRequest;
import dev.outpost.proto.api.v1.PreviewDataSourceResponse;
import dev.outpost.proto.api.v1.TestDataSourceConnectionRequest;
import dev.outpost.proto.api.v1.TestDataSourceConnectionResponse;
import dev.outpost.proto.interactive.v1.PreviewReply;
import io.grpc.stub.StreamObserver;
import io.quarkus.grpc.GrpcService;
import io.quarkus.grpc.RegisterInterceptor;
import io.smallrye.common.annotation.Blocking;

/** gRPC: test, browse and preview a data source through its edge. */
@GrpcService
@Blocking
@RegisterInterceptor(ApiKeyInterceptor.class)
public class DataSourceBrowserGrpcService extends DataSourceBrowserServiceGrpc.DataSourceBrowserServiceImplBase {

    private final DataSourceBrowser browser;
    private final GrpcCallers callers;

    DataSourceBrowserGrpcService(DataSourceBrowser browser, GrpcCallers callers) {
        this.browser = browser;
        this.callers = callers;
    }

    @Override
    public void testDataSourceConnection(TestDataSourceConnectionRequest request,
            StreamObserver<TestDataSourceConnectionResponse> response) {
        GrpcErrors.reply(response, () -> TestDataSourceConnectionResponse.newBuilder()
                .setDataSourceId(request.getDataSourceId())
                .addAllChecks(browser.testConnection(callers.current(), request.getDataSourceId(),
                        request.getSchema()).getChecksList())
                .build());
    }

    @Override
    public void browseDataSource(BrowseDataSourceRequest request, StreamObserver<BrowseDataSourceResponse> response) {
        GrpcErrors.reply(response, () -> BrowseDataSourceResponse.newBuilder()
                .setDataSourceId(request.getDataSourceId())
                .setListing(browser.browse(callers.current(), request.getDataSourceId(), request.getPrefix(),
                        request.getSchema(), request.getLimit()))
                .build());
    }

    @Override
    public void previewDataSource(PreviewDataSourceRequest request,
            StreamObserver<PreviewDataSourceResponse> response) {
        GrpcErrors.reply(response, () -> {
            PreviewReply preview = browser.preview(callers.current(), request.getDataSourceId(), request.getKey(),
                    request.getSchema(), request.getTable(), request.getLimit());
            return PreviewDataSourceResponse.newBuilder()
                    .setDataSourceId(request.getDataSourceId())
                    .setView(preview.getView())
                    .setTruncated(preview.getTruncated())
                    .build();
        });
    }
}
