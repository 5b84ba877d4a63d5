package dev.outpost.embedded;

/**
 * Something the embedded mesh could not do, with a message that says what went wrong and what to do about it. The
 * CLI prints the message as it is (no stack trace), so it must stand on its own.
 */
public class MeshException extends RuntimeException {

    public MeshException(String message) {
        super(message);
    }

    public MeshException(String message, Throwable cause) {
        super(message, cause);
    }
}
