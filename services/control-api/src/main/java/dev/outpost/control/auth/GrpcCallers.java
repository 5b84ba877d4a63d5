package dev.outpost.control.auth;

import jakarta.enterprise.context.ApplicationScoped;

import dev.outpost.control.error.UnauthenticatedException;

/** The caller of the gRPC API call being served, from the header {@link ApiKeyInterceptor} lifted. */
@ApplicationScoped
public class GrpcCallers {

    private final Authenticator authenticator;

    GrpcCallers(Authenticator authenticator) {
        this.authenticator = authenticator;
    }

    /**
     * The authenticated caller of the current call.
     *
     * @throws UnauthenticatedException when the call carries no valid key
     */
    public Caller current() {
        return authenticator.authenticate(ApiKeyInterceptor.AUTHORIZATION.get());
    }
}
