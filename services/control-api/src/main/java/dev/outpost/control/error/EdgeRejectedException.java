package dev.outpost.control.error;

/**
 * The edge answered an interactive request with an error of its own (for example: no such results object, or its
 * egress policy keeps that kind of answer on the edge).
 */
public class EdgeRejectedException extends OutpostException {

    /** The edge's code when its egress policy switches off what was asked for (a person can't override it). */
    public static final String REFUSED_BY_POLICY = "REFUSED_BY_POLICY";

    private final String code;

    public EdgeRejectedException(String code, String message) {
        super(message);
        this.code = code;
    }

    @Override
    public String code() {
        return code;
    }

    /** The edge has nothing by that name. */
    public boolean notFound() {
        return "NOT_FOUND".equals(code);
    }

    /** The customer's egress policy forbids the answer: a permission matter, not a fault. */
    public boolean refusedByPolicy() {
        return REFUSED_BY_POLICY.equals(code);
    }
}
