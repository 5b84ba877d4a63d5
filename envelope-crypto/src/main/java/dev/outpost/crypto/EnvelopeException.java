package dev.outpost.crypto;

/**
 * An envelope could not be opened. The subclass says why; messages name the cause and never contain plaintext or key
 * material.
 */
public abstract sealed class EnvelopeException extends RuntimeException
        permits NotAnEnvelopeException, WrongKeyException, WrongContextException, TamperedEnvelopeException {

    EnvelopeException(String message) {
        super(message);
    }

    EnvelopeException(String message, Throwable cause) {
        super(message, cause);
    }
}
