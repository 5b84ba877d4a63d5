package dev.outpost.edge;

import dev.outpost.proto.interactive.v1.InteractiveError;

/**
 * Why an interactive request cannot be served, as the person who asked should read it. {@link InteractiveResponder}
 * turns it into an {@link InteractiveError} reply. Messages are metadata only: never a value from the data.
 */
public final class InteractiveException extends RuntimeException {

    /** The request is malformed or asks for something this service does not do. */
    public static final String INVALID_REQUEST = "INVALID_REQUEST";
    /** What the request names (a bucket, a job's results) does not exist. */
    public static final String NOT_FOUND = "NOT_FOUND";
    /** The service failed for a reason the requester cannot fix. */
    public static final String INTERNAL = "INTERNAL";

    private final String code;

    private InteractiveException(String code, String message) {
        super(message);
        this.code = code;
    }

    /** The request is malformed; {@code message} says what to change. */
    public static InteractiveException invalidRequest(String message) {
        return new InteractiveException(INVALID_REQUEST, message);
    }

    /** What the request names does not exist; {@code message} says what and how to fix it. */
    public static InteractiveException notFound(String message) {
        return new InteractiveException(NOT_FOUND, message);
    }

    /** The service cannot serve the request for a reason an operator must fix; {@code message} says which. */
    public static InteractiveException internal(String message) {
        return new InteractiveException(INTERNAL, message);
    }

    /**
     * A reason with a code of its own (e.g. {@code TIMEOUT}, {@code ACCESS_DENIED}), for services whose callers act on
     * finer reasons than the generic codes; the code must be listed in {@link InteractiveError#getCode()}'s
     * documentation.
     */
    public static InteractiveException withCode(String code, String message) {
        return new InteractiveException(code, message);
    }

    /** A stable code from {@link InteractiveError#getCode()}'s vocabulary. */
    public String code() {
        return code;
    }

    /** The error reply body. */
    public InteractiveError toError() {
        return InteractiveError.newBuilder().setCode(code).setMessage(getMessage()).build();
    }
}
