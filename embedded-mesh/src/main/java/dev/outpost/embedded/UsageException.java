package dev.outpost.embedded;

/** The command line cannot be understood; the message says which part and how to fix it. */
public final class UsageException extends RuntimeException {

    public UsageException(String message) {
        super(message);
    }
}
