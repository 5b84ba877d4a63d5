package dev.outpost.control.auth;

import java.util.function.Supplier;

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

    /**
     * For a stream that outlives the call's thread: each {@code get()} checks the current call's key again (and
     * throws {@link UnauthenticatedException} once it is revoked), so revoking a key ends the streams it opened.
     */
    public Supplier<Caller> rechecking() {
        String authorization = ApiKeyInterceptor.AUTHORIZATION.get();
        return () -> authenticator.authenticate(authorization);
    }
}
