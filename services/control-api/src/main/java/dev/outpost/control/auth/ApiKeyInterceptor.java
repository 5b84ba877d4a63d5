package dev.outpost.control.auth;

import jakarta.enterprise.context.ApplicationScoped;

import io.grpc.Context;
import io.grpc.Contexts;
import io.grpc.Metadata;
import io.grpc.ServerCall;
import io.grpc.ServerCallHandler;
import io.grpc.ServerInterceptor;

/**
 * Lifts the {@code authorization} header of a call to the gRPC API into the call's context; {@link GrpcCallers}
 * checks it off the event loop, where the database may be read. Registered on every API service, not on EdgeLink
 * (edges authenticate with edge tokens).
 */
@ApplicationScoped
public class ApiKeyInterceptor implements ServerInterceptor {

    static final Context.Key<String> AUTHORIZATION = Context.key("outpost-api-authorization");

    private static final Metadata.Key<String> HEADER = Metadata.Key.of("authorization",
            Metadata.ASCII_STRING_MARSHALLER);

    @Override
    public <Q, R> ServerCall.Listener<Q> interceptCall(ServerCall<Q, R> call, Metadata headers,
            ServerCallHandler<Q, R> next) {
        return Contexts.interceptCall(Context.current().withValue(AUTHORIZATION, headers.get(HEADER)), call, headers,
                next);
    }
}
