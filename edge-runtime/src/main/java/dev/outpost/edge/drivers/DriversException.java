package dev.outpost.edge.drivers;

/** Custom drivers could not be fetched, verified, unpacked or loaded; the message says which source and what to fix. */
public class DriversException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    /** @param message what went wrong, naming the source (without credentials) and what to fix */
    public DriversException(String message) {
        super(message);
    }

    /**
     * @param message what went wrong, naming the source (without credentials) and what to fix
     * @param cause   the underlying failure
     */
    public DriversException(String message, Throwable cause) {
        super(message, cause);
    }
}
