package dev.outpost.control.error;

/** An interactive request could not be answered by the edge in time (not linked, or too slow). */
public class EdgeUnavailableException extends OutpostException {

    public EdgeUnavailableException(String message) {
        super(message);
    }

    @Override
    public String code() {
        return "UNAVAILABLE";
    }
}
