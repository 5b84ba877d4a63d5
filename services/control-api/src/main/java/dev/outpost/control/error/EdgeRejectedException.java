package dev.outpost.control.error;

/** The edge answered an interactive request with an error of its own (for example: no such results object). */
public class EdgeRejectedException extends OutpostException {

    private final String code;

    public EdgeRejectedException(String code, String message) {
        super(message);
        this.code = code;
    }

    @Override
    public String code() {
        return code;
    }
}
