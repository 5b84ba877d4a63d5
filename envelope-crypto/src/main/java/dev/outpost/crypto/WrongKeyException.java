package dev.outpost.crypto;

/** The envelope was sealed under a different key-encryption key than the one the provider holds. */
public final class WrongKeyException extends EnvelopeException {

    /**
     * @param envelopeKeyId the key id recorded in the envelope
     * @param providerKeyId the key id of the provider that was asked to unwrap it
     */
    public WrongKeyException(String envelopeKeyId, String providerKeyId) {
        super("sealed under key id '" + envelopeKeyId + "' but the configured key has key id '" + providerKeyId
                + "': configure the key that sealed it");
    }

    WrongKeyException(String message, Throwable cause) {
        super(message, cause);
    }
}
