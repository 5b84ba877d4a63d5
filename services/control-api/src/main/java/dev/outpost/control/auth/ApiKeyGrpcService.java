package dev.outpost.control.auth;

import java.util.Locale;

import dev.outpost.control.error.GrpcErrors;
import dev.outpost.proto.api.v1.ApiKeyServiceGrpc;
import dev.outpost.proto.api.v1.CreateApiKeyRequest;
import dev.outpost.proto.api.v1.CreateApiKeyResponse;
import dev.outpost.proto.api.v1.ListApiKeysRequest;
import dev.outpost.proto.api.v1.ListApiKeysResponse;
import dev.outpost.proto.api.v1.RevokeApiKeyRequest;
import io.grpc.stub.StreamObserver;
import io.quarkus.grpc.GrpcService;
import io.quarkus.grpc.RegisterInterceptor;
import io.smallrye.common.annotation.Blocking;

/** gRPC: API keys. */
@GrpcService
@Blocking
@RegisterInterceptor(ApiKeyInterceptor.class)
public class ApiKeyGrpcService extends ApiKeyServiceGrpc.ApiKeyServiceImplBase {

    private final ApiKeyService keys;
    private final GrpcCallers callers;

    ApiKeyGrpcService(ApiKeyService keys, GrpcCallers callers) {
        this.keys = keys;
        this.callers = callers;
    }

    @Override
    public void createApiKey(CreateApiKeyRequest request, StreamObserver<CreateApiKeyResponse> response) {
        GrpcErrors.reply(response, () -> {
            var created = keys.create(callers.current(), request.getName(), role(request.getRole()));
            return CreateApiKeyResponse.newBuilder().setApiKey(toProto(created.apiKey())).setKey(created.key())
                    .build();
        });
    }

    @Override
    public void listApiKeys(ListApiKeysRequest request, StreamObserver<ListApiKeysResponse> response) {
        GrpcErrors.reply(response, () -> ListApiKeysResponse.newBuilder()
                .addAllApiKeys(keys.list(callers.current()).stream().map(ApiKeyGrpcService::toProto).toList())
                .build());
    }

    @Override
    public void revokeApiKey(RevokeApiKeyRequest request,
            StreamObserver<dev.outpost.proto.api.v1.ApiKey> response) {
        GrpcErrors.reply(response, () -> toProto(keys.revoke(callers.current(), request.getId())));
    }

    /** The role's label, or null for ROLE_UNSPECIFIED, which {@link Role#parse} refuses with the list of roles. */
    private static String role(dev.outpost.proto.api.v1.Role role) {
        return switch (role) {
            case ROLE_UNSPECIFIED, UNRECOGNIZED -> null;
            default -> role.name().substring("ROLE_".length()).toLowerCase(Locale.ROOT);
        };
    }

    static dev.outpost.proto.api.v1.ApiKey toProto(ApiKeyView key) {
        var proto = dev.outpost.proto.api.v1.ApiKey.newBuilder()
                .setId(key.id())
                .setName(key.name())
                .setRole(dev.outpost.proto.api.v1.Role.valueOf("ROLE_" + key.role().toUpperCase(Locale.ROOT)))
                .setPrefix(key.prefix())
                .setCreatedMillis(key.createdAt().toEpochMilli());
        if (key.lastUsedAt() != null) {
            proto.setLastUsedMillis(key.lastUsedAt().toEpochMilli());
        }
        if (key.revokedAt() != null) {
            proto.setRevokedMillis(key.revokedAt().toEpochMilli());
        }
        return proto.build();
    }
}
