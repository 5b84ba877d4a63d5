package dev.outpost.crypto;

/** The envelope failed authentication: some byte of it was changed after sealing. */
public final class TamperedEnvelopeException extends EnvelopeException {

    /**
     * @param what  which part failed authentication, e.g. "wrapped data key"
     * @param cause the underlying cryptographic failure
     */
    public TamperedEnvelopeException(String what, Throwable cause) {
        super(what + " failed authentication: the envelope was modified after it was sealed", cause);
    }
}
