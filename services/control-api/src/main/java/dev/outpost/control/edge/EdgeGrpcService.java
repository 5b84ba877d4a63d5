package dev.outpost.control.edge;

import dev.outpost.control.auth.ApiKeyInterceptor;
import dev.outpost.control.auth.GrpcCallers;
import dev.outpost.control.error.GrpcErrors;
import dev.outpost.proto.api.v1.CreateEdgeRequest;
import dev.outpost.proto.api.v1.CreateEdgeResponse;
import dev.outpost.proto.api.v1.EdgeServiceGrpc;
import dev.outpost.proto.api.v1.GetEdgeRequest;
import dev.outpost.proto.api.v1.ListEdgesRequest;
import dev.outpost.proto.api.v1.ListEdgesResponse;
import io.grpc.stub.StreamObserver;
import io.quarkus.grpc.GrpcService;
import io.quarkus.grpc.RegisterInterceptor;
import io.smallrye.common.annotation.Blocking;

/** gRPC: edges. */
@GrpcService
@Blocking
@RegisterInterceptor(ApiKeyInterceptor.class)
public class EdgeGrpcService extends EdgeServiceGrpc.EdgeServiceImplBase {

    private final EdgeService edges;
    private final GrpcCallers callers;

    EdgeGrpcService(EdgeService edges, GrpcCallers callers) {
        this.edges = edges;
        this.callers = callers;
    }

    @Override
    public void createEdge(CreateEdgeRequest request, StreamObserver<CreateEdgeResponse> response) {
        GrpcErrors.reply(response, () -> {
            var created = edges.create(callers.current(), request.getName());
            return CreateEdgeResponse.newBuilder().setEdge(toProto(created.edge())).setToken(created.token()).build();
        });
    }

    @Override
    public void getEdge(GetEdgeRequest request, StreamObserver<dev.outpost.proto.api.v1.Edge> response) {
        GrpcErrors.reply(response, () -> toProto(edges.get(callers.current(), request.getId())));
    }

    @Override
    public void listEdges(ListEdgesRequest request, StreamObserver<ListEdgesResponse> response) {
        GrpcErrors.reply(response, () -> ListEdgesResponse.newBuilder()
                .addAllEdges(edges.list(callers.current()).stream().map(EdgeGrpcService::toProto).toList())
                .build());
    }

    static dev.outpost.proto.api.v1.Edge toProto(EdgeView edge) {
        var builder = dev.outpost.proto.api.v1.Edge.newBuilder()
                .setId(edge.id())
                .setName(edge.name())
                .setConnected(edge.connected())
                .setCreatedMillis(edge.createdAt().toEpochMilli());
        if (edge.lastSeenAt() != null) {
            builder.setLastSeenMillis(edge.lastSeenAt().toEpochMilli());
        }
        if (edge.agentVersion() != null) {
            builder.setAgentVersion(edge.agentVersion());
        }
        return builder.build();
    }
}
