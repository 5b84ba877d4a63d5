package dev.outpost.control.catalog;

import dev.outpost.control.auth.ApiKeyInterceptor;
import dev.outpost.control.auth.GrpcCallers;
import dev.outpost.control.browse.MetadataViews;
import dev.outpost.control.error.GrpcErrors;
import dev.outpost.control.job.JobGrpcService;
import dev.outpost.proto.api.v1.CatalogItem;
import dev.outpost.proto.api.v1.CatalogServiceGrpc;
import dev.outpost.proto.api.v1.DeleteCatalogItemRequest;
import dev.outpost.proto.api.v1.DeleteCatalogItemResponse;
import dev.outpost.proto.api.v1.GetCatalogItemRequest;
import dev.outpost.proto.api.v1.ImportCatalogRequest;
import dev.outpost.proto.api.v1.Job;
import dev.outpost.proto.api.v1.ListCatalogItemsRequest;
import dev.outpost.proto.api.v1.ListCatalogItemsResponse;
import dev.outpost.proto.api.v1.ReimportCatalogItemRequest;
import dev.outpost.proto.job.v1.ColumnInfo;
import io.grpc.stub.StreamObserver;
import io.quarkus.grpc.GrpcService;
import io.quarkus.grpc.RegisterInterceptor;
import io.smallrye.common.annotation.Blocking;

/** gRPC: the catalog. */
@GrpcService
@Blocking
@RegisterInterceptor(ApiKeyInterceptor.class)
public class CatalogGrpcService extends CatalogServiceGrpc.CatalogServiceImplBase {

    private final CatalogService catalog;
    private final GrpcCallers callers;

    CatalogGrpcService(CatalogService catalog, GrpcCallers callers) {
        this.catalog = catalog;
        this.callers = callers;
    }

    @Override
    public void importCatalog(ImportCatalogRequest request, StreamObserver<Job> response) {
        GrpcErrors.reply(response, () -> JobGrpcService.toProto(catalog.startImport(callers.current(),
                request.getDataSourceId(), request.getPrefix(), request.getKey(), request.getSchema(),
                request.getTable())));
    }

    @Override
    public void listCatalogItems(ListCatalogItemsRequest request, StreamObserver<ListCatalogItemsResponse> response) {
        GrpcErrors.reply(response, () -> {
            CatalogItemView.Page page = catalog.list(callers.current(), request.getDataSourceId(),
                    request.getNameContains(), request.getPage(), request.getPageSize());
            return ListCatalogItemsResponse.newBuilder()
                    .addAllItems(page.items().stream().map(CatalogGrpcService::toProto).toList())
                    .setTotal(page.total())
                    .build();
        });
    }

    @Override
    public void getCatalogItem(GetCatalogItemRequest request, StreamObserver<CatalogItem> response) {
        GrpcErrors.reply(response, () -> toProto(catalog.get(callers.current(), request.getId())));
    }

    @Override
    public void reimportCatalogItem(ReimportCatalogItemRequest request, StreamObserver<Job> response) {
        GrpcErrors.reply(response, () -> JobGrpcService.toProto(catalog.reimport(callers.current(),
                request.getId())));
    }

    @Override
    public void deleteCatalogItem(DeleteCatalogItemRequest request,
            StreamObserver<DeleteCatalogItemResponse> response) {
        GrpcErrors.reply(response, () -> {
            catalog.delete(callers.current(), request.getId());
            return DeleteCatalogItemResponse.getDefaultInstance();
        });
    }

    private static CatalogItem toProto(CatalogItemView view) {
        CatalogItem.Builder item = CatalogItem.newBuilder()
                .setId(view.id())
                .setDataSourceId(view.dataSourceId())
                .setKind(view.kind())
                .setContainer(view.container())
                .setName(view.name())
                .setRowCount(view.rowCount())
                .setRowCountKind(MetadataViews.rowCountKind(view.rowCountKind()))
                .setSizeBytes(view.sizeBytes())
                .setImportedMillis(view.importedAt().toEpochMilli())
                .setJobId(view.jobId());
        view.columns().forEach(c -> item.addColumns(ColumnInfo.newBuilder().setName(c.name()).setType(c.type())));
        if (view.error() != null) {
            item.setError(view.error());
        }
        return item.build();
    }
}
