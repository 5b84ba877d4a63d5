package dev.outpost.crypto;

/** The bytes are not an Outpost envelope: wrong magic, truncated, or a format version this reader does not know. */
public final class NotAnEnvelopeException extends EnvelopeException {

    NotAnEnvelopeException(String message) {
        super(message);
    }
}
