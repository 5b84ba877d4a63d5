package dev.outpost.control.error;

import java.util.List;

import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;

/** The one place where domain errors become HTTP responses. */
@Provider
public class RestErrorMapper implements ExceptionMapper<OutpostException> {

    @Override
    public Response toResponse(OutpostException e) {
        List<InvalidInputException.Problem> problems = e instanceof InvalidInputException invalid ? invalid.problems()
                : List.of();
        Response.ResponseBuilder response = Response.status(status(e))
                .type(MediaType.APPLICATION_JSON)
                .entity(new ErrorBody(e.code(), e.getMessage(), problems));
        if (e instanceof UnauthenticatedException) {
            response.header("WWW-Authenticate", "Bearer");
        }
        return response.build();
    }

    private static int status(OutpostException e) {
        return switch (e) {
            case NotFoundException ignored -> 404;
            case InvalidInputException ignored -> 400;
            case UnauthenticatedException ignored -> 401;
            case PermissionDeniedException ignored -> 403;
            case ConflictException ignored -> 409;
            case EdgeUnavailableException ignored -> 503;
            case EdgeRejectedException rejected -> switch (rejected.reason()) {
                case NOT_FOUND -> 404;
                case INVALID -> 400;
                case REFUSED_BY_POLICY -> 403;
                // The data source's credentials or grants need fixing: not the caller's permission (403), nor their
                // API key (401).
                case SOURCE_ACCESS -> 422;
                case SOURCE_UNREACHABLE, FAILED -> 502;
                case UNAVAILABLE -> 503;
                case TIMEOUT -> 504;
            };
            default -> 500;
        };
    }
}
