package dev.outpost.control.edge;

import dev.outpost.control.auth.ApiKeyInterceptor;
import dev.outpost.control.auth.GrpcCallers;
import dev.outpost.control.error.GrpcErrors;
import dev.outpost.proto.api.v1.CreateEdgeRequest;
import dev.outpost.proto.api.v1.CreateEdgeResponse;
import dev.outpost.proto.api.v1.DeleteEdgeRequest;
import dev.outpost.proto.api.v1.DeleteEdgeResponse;
import dev.outpost.proto.api.v1.EdgeServiceGrpc;
import dev.outpost.proto.api.v1.GetEdgeRequest;
import dev.outpost.proto.api.v1.ListEdgesRequest;
import dev.outpost.proto.api.v1.ListEdgesResponse;
import dev.outpost.proto.api.v1.RotateEdgeTokenRequest;
import dev.outpost.proto.api.v1.RotateEdgeTokenResponse;
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
            return CreateEdgeResponse.newBuilder().setEdge(toProto(created.edge())).setToken(created.token())
                    .setInstall(EdgeProtos.install(created.install())).build();
        });
    }

    @Override
    public void rotateEdgeToken(RotateEdgeTokenRequest request, StreamObserver<RotateEdgeTokenResponse> response) {
        GrpcErrors.reply(response, () -> {
            var rotated = edges.rotateToken(callers.current(), request.getId());
            return RotateEdgeTokenResponse.newBuilder().setEdge(toProto(rotated.edge())).setToken(rotated.token())
                    .setPreviousTokenExpiresMillis(rotated.previousTokenExpiresAt().toEpochMilli())
                    .setInstall(EdgeProtos.install(rotated.install())).build();
        });
    }

    @Override
    public void deleteEdge(DeleteEdgeRequest request, StreamObserver<DeleteEdgeResponse> response) {
        GrpcErrors.reply(response, () -> {
            edges.remove(callers.current(), request.getId());
            return DeleteEdgeResponse.getDefaultInstance();
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
                .setCreatedMillis(edge.createdAt().toEpochMilli())
                .setVersionSupport(EdgeProtos.versionSupport(edge.versionSupport()));
        if (edge.replicaId() != null) {
            builder.setReplicaId(edge.replicaId());
        }
        if (edge.lastSeenAt() != null) {
            builder.setLastSeenMillis(edge.lastSeenAt().toEpochMilli());
        }
        if (edge.agentVersion() != null) {
            builder.setAgentVersion(edge.agentVersion());
        }
        return builder.build();
    }
}
