package dev.outpost.control.link;

import jakarta.enterprise.context.ApplicationScoped;

import io.grpc.Context;
import io.grpc.Contexts;
import io.grpc.Metadata;
import io.grpc.ServerCall;
import io.grpc.ServerCallHandler;
import io.grpc.ServerInterceptor;

/**
 * Lifts the edge token from the {@code authorization: Bearer …} header into the call's context. The token is
 * checked against the database when the Hello arrives, off the transport's event loop.
 */
@ApplicationScoped
public class EdgeTokenInterceptor implements ServerInterceptor {

    static final Context.Key<String> TOKEN = Context.key("outpost-edge-token");

    private static final Metadata.Key<String> AUTHORIZATION = Metadata.Key.of("authorization",
            Metadata.ASCII_STRING_MARSHALLER);
    private static final String BEARER = "Bearer ";

    @Override
    public <Q, R> ServerCall.Listener<Q> interceptCall(ServerCall<Q, R> call, Metadata headers,
            ServerCallHandler<Q, R> next) {
        String authorization = headers.get(AUTHORIZATION);
        String token = authorization != null && authorization.startsWith(BEARER)
                ? authorization.substring(BEARER.length()).trim()
                : null;
        return Contexts.interceptCall(Context.current().withValue(TOKEN, token), call, headers, next);
    }
}
