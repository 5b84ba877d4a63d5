package dev.outpost.control.ruleset;

import dev.outpost.control.auth.ApiKeyInterceptor;
import dev.outpost.control.auth.GrpcCallers;
import dev.outpost.control.error.GrpcErrors;
import dev.outpost.proto.api.v1.CreateRuleSetRequest;
import dev.outpost.proto.api.v1.DeleteRuleSetRequest;
import dev.outpost.proto.api.v1.DeleteRuleSetResponse;
import dev.outpost.proto.api.v1.GetRuleSetRequest;
import dev.outpost.proto.api.v1.ListRuleSetsRequest;
import dev.outpost.proto.api.v1.ListRuleSetsResponse;
import dev.outpost.proto.api.v1.ReplaceRuleSetRequest;
import dev.outpost.proto.api.v1.RuleSet;
import dev.outpost.proto.api.v1.RuleSetServiceGrpc;
import io.grpc.stub.StreamObserver;
import io.quarkus.grpc.GrpcService;
import io.quarkus.grpc.RegisterInterceptor;
import io.smallrye.common.annotation.Blocking;

/** gRPC: rule sets. */
@GrpcService
@Blocking
@RegisterInterceptor(ApiKeyInterceptor.class)
public class RuleSetGrpcService extends RuleSetServiceGrpc.RuleSetServiceImplBase {

    private final RuleSetService ruleSets;
    private final GrpcCallers callers;

    RuleSetGrpcService(RuleSetService ruleSets, GrpcCallers callers) {
        this.ruleSets = ruleSets;
        this.callers = callers;
    }

    @Override
    public void createRuleSet(CreateRuleSetRequest request, StreamObserver<RuleSet> response) {
        GrpcErrors.reply(response, () -> toProto(ruleSets.create(callers.current(), request.getName(), request.getYaml())));
    }

    @Override
    public void getRuleSet(GetRuleSetRequest request, StreamObserver<RuleSet> response) {
        GrpcErrors.reply(response, () -> toProto(ruleSets.get(callers.current(), request.getId())));
    }

    @Override
    public void listRuleSets(ListRuleSetsRequest request, StreamObserver<ListRuleSetsResponse> response) {
        GrpcErrors.reply(response, () -> ListRuleSetsResponse.newBuilder()
                .addAllRuleSets(ruleSets.list(callers.current()).stream().map(RuleSetGrpcService::toProto).toList())
                .build());
    }

    @Override
    public void replaceRuleSet(ReplaceRuleSetRequest request, StreamObserver<RuleSet> response) {
        GrpcErrors.reply(response, () -> toProto(ruleSets.replace(callers.current(), request.getId(),
                request.getYaml())));
    }

    @Override
    public void deleteRuleSet(DeleteRuleSetRequest request, StreamObserver<DeleteRuleSetResponse> response) {
        GrpcErrors.reply(response, () -> {
            ruleSets.delete(callers.current(), request.getId());
            return DeleteRuleSetResponse.getDefaultInstance();
        });
    }

    private static RuleSet toProto(RuleSetView view) {
        RuleSet.Builder proto = RuleSet.newBuilder()
                .setId(view.id())
                .setName(view.name())
                .setYaml(view.yaml())
                .addAllCheckNames(view.checkNames())
                .setVersion(view.version())
                .setCreatedMillis(view.createdAt().toEpochMilli());
        if (view.updatedAt() != null) {
            proto.setUpdatedMillis(view.updatedAt().toEpochMilli());
        }
        return proto.build();
    }
}
