package dev.outpost.crypto;

/** A key file could not be read, created or understood; the message names the file and what to do. */
public final class KeyFileException extends RuntimeException {

    KeyFileException(String message) {
        super(message);
    }

    KeyFileException(String message, Throwable cause) {
        super(message, cause);
    }
}
