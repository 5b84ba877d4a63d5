package dev.outpost.control.auth;

import dev.outpost.control.error.GrpcErrors;
import dev.outpost.proto.api.v1.CreateOrganisationRequest;
import dev.outpost.proto.api.v1.CreateOrganisationResponse;
import dev.outpost.proto.api.v1.OrganisationServiceGrpc;
import io.grpc.stub.StreamObserver;
import io.quarkus.grpc.GrpcService;
import io.quarkus.grpc.RegisterInterceptor;
import io.smallrye.common.annotation.Blocking;

/** gRPC: organisations (operator key only). */
@GrpcService
@Blocking
@RegisterInterceptor(ApiKeyInterceptor.class)
public class OrganisationGrpcService extends OrganisationServiceGrpc.OrganisationServiceImplBase {

    private final OrganisationService organisations;
    private final GrpcCallers callers;

    OrganisationGrpcService(OrganisationService organisations, GrpcCallers callers) {
        this.organisations = organisations;
        this.callers = callers;
    }

    @Override
    public void createOrganisation(CreateOrganisationRequest request,
            StreamObserver<CreateOrganisationResponse> response) {
        GrpcErrors.reply(response, () -> {
            var created = organisations.create(callers.current(), request.getName());
            return CreateOrganisationResponse.newBuilder()
                    .setOrganisation(dev.outpost.proto.api.v1.Organisation.newBuilder()
                            .setId(created.organisation().id())
                            .setName(created.organisation().name())
                            .setCreatedMillis(created.organisation().createdAt().toEpochMilli()))
                    .setAdminKey(ApiKeyGrpcService.toProto(created.admin().apiKey()))
                    .setKey(created.admin().key())
                    .build();
        });
    }
}
