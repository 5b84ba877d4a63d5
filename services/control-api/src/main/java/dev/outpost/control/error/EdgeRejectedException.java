package dev.outpost.control.error;

/**
 * The edge answered an interactive request with an error of its own (for example: no such results object, a source
 * it cannot read, or its egress policy keeps that kind of answer on the edge). The edge's code and message reach the
 * person as they are; {@link #reason()} decides the HTTP and gRPC status.
 */
public class EdgeRejectedException extends OutpostException {

    /** The edge's code when its egress policy switches off what was asked for (a person can't override it). */
    public static final String REFUSED_BY_POLICY = "REFUSED_BY_POLICY";

    /** What an edge's error code means for the person who asked, whatever service on the edge answered. */
    public enum Reason {
        /** {@code NOT_FOUND}, or a missing bucket, prefix, schema, table or database ({@code *_NOT_FOUND}). */
        NOT_FOUND,
        /** {@code INVALID_REQUEST}: the edge found the request itself malformed. */
        INVALID,
        /** {@code REFUSED_BY_POLICY}: the customer's egress policy forbids the answer. */
        REFUSED_BY_POLICY,
        /**
         * {@code ACCESS_DENIED}, {@code INVALID_CREDENTIALS}, {@code SECRET_UNAVAILABLE}: the edge reached the source
         * but may not read it; the data source's credentials or the source's grants need fixing, not the caller's
         * role.
         */
        SOURCE_ACCESS,
        /** {@code UNKNOWN_HOST}, {@code CONNECTION_REFUSED}: the source cannot be reached from the edge. */
        SOURCE_UNREACHABLE,
        /** {@code TIMEOUT}: the source did not answer within the edge's time per request. */
        TIMEOUT,
        /** {@code UNAVAILABLE}: the edge's service cannot answer now. */
        UNAVAILABLE,
        /** Anything else ({@code INTERNAL}, codes of newer edges). */
        FAILED
    }

    private final String code;

    public EdgeRejectedException(String code, String message) {
        super(message);
        this.code = code;
    }

    @Override
    public String code() {
        return code;
    }

    /** What the edge's code means, for the status the person gets. */
    public Reason reason() {
        if (code.equals("NOT_FOUND") || code.endsWith("_NOT_FOUND")) {
            return Reason.NOT_FOUND;
        }
        return switch (code) {
            case "INVALID_REQUEST" -> Reason.INVALID;
            case REFUSED_BY_POLICY -> Reason.REFUSED_BY_POLICY;
            case "ACCESS_DENIED", "INVALID_CREDENTIALS", "SECRET_UNAVAILABLE" -> Reason.SOURCE_ACCESS;
            case "UNKNOWN_HOST", "CONNECTION_REFUSED" -> Reason.SOURCE_UNREACHABLE;
            case "TIMEOUT" -> Reason.TIMEOUT;
            case "UNAVAILABLE" -> Reason.UNAVAILABLE;
            default -> Reason.FAILED;
        };
    }
}
