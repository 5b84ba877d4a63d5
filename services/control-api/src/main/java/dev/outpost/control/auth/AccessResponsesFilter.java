package dev.outpost.control.auth;

import org.eclipse.microprofile.openapi.OASFactory;
import org.eclipse.microprofile.openapi.OASFilter;
import org.eclipse.microprofile.openapi.models.Operation;

import io.quarkus.smallrye.openapi.OpenApiFilter;

/**
 * Adds to every operation that needs an API key the two answers the key itself may cause, so that clients generated
 * from the OpenAPI document know them: 401 (no valid key) and 403 (the key's role is too small).
 */
@OpenApiFilter(OpenApiFilter.RunStage.BUILD)
public class AccessResponsesFilter implements OASFilter {

    @Override
    public Operation filterOperation(Operation operation) {
        if (operation.getSecurity() == null || operation.getSecurity().isEmpty()) {
            return operation;
        }
        operation.getResponses()
                .addAPIResponse("401", OASFactory.createAPIResponse().description("No valid API key: missing, wrong "
                        + "or revoked (one answer for all three)"))
                .addAPIResponse("403", OASFactory.createAPIResponse().description("The API key's role does not "
                        + "allow this call"));
        return operation;
    }
}
