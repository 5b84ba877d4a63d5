package dev.outpost.control.error;

/**
 * The root of control-api's domain errors. Each subclass maps to one HTTP status ({@link RestErrorMapper}) and one
 * gRPC status ({@link GrpcErrors}); messages are written for the person who made the request.
 */
public abstract class OutpostException extends RuntimeException {

    protected OutpostException(String message) {
        super(message);
    }

    protected OutpostException(String message, Throwable cause) {
        super(message, cause);
    }

    /** A stable code clients can switch on, e.g. {@code NOT_FOUND}. */
    public abstract String code();
}
