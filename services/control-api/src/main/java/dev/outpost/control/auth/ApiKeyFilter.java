package dev.outpost.control.auth;

import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.HttpHeaders;

import org.jboss.resteasy.reactive.server.ServerRequestFilter;

/**
 * Authenticates every request to a REST resource ({@code /api/v1/…}); health, metrics and the OpenAPI document are
 * not resources and stay open. Runs on the worker thread of the (blocking) resource method, so it may read the
 * database.
 */
public class ApiKeyFilter {

    private final Authenticator authenticator;
    private final CurrentCaller caller;

    ApiKeyFilter(Authenticator authenticator, CurrentCaller caller) {
        this.authenticator = authenticator;
        this.caller = caller;
    }

    @ServerRequestFilter
    public void authenticate(ContainerRequestContext request) {
        caller.set(authenticator.authenticate(request.getHeaderString(HttpHeaders.AUTHORIZATION)));
    }
}
