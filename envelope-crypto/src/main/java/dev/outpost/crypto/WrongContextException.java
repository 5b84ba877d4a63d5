package dev.outpost.crypto;

/**
 * The envelope was sealed for a different context (usually: a different object key), so it was copied or moved, or
 * the caller asked for the wrong object.
 */
public final class WrongContextException extends EnvelopeException {

    WrongContextException() {
        super("sealed for a different context than the one it is opened with: the object was copied or moved, "
                + "or the wrong object was read");
    }
}
