package dev.outpost.crypto;

/**
 * The key service (AWS KMS) could not wrap or unwrap a data key for a reason other than the envelope itself: the key
 * does not exist or is disabled, this process may not use it, or the service cannot be reached. The message names the
 * key and what to check; it never contains key material.
 */
public final class KeyServiceException extends RuntimeException {

    KeyServiceException(String message, Throwable cause) {
        super(message, cause);
    }
}
