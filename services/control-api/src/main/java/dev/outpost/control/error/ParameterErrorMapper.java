package dev.outpost.control.error;

import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;

/**
 * A query or path parameter that is not of its type ({@code ?pageSize=ten}) is a bad request. JAX-RS answers it with a
 * bare 404 wrapping the conversion's failure, which tells the caller that the resource does not exist; a 404 without
 * such a cause (a path that matches nothing) stays a 404.
 */
@Provider
public class ParameterErrorMapper implements ExceptionMapper<NotFoundException> {

    private final RestErrorMapper errors = new RestErrorMapper();

    @Override
    public Response toResponse(NotFoundException e) {
        if (e.getCause() == null) {
            return e.getResponse();
        }
        return errors.toResponse(new InvalidInputException("A query or path parameter has a value of the wrong type ("
                + e.getCause().getMessage() + "): limit, page and pageSize take whole numbers, e.g. ?pageSize=50"));
    }
}
