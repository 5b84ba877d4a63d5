package dev.outpost.crypto;

/**
 * Holds a key-encryption key and wraps or unwraps data keys with it; the seam between envelope encryption and where
 * the customer keeps their key (a local file, AWS KMS, …). The key-encryption key itself never leaves the provider.
 *
 * <p>Implementations must be safe for concurrent use.
 */
public interface KeyProvider {

    /**
     * Identifies the key-encryption key. It is stored in every envelope so that opening one with the wrong key is
     * reported as such, rather than as tampering; it must therefore not reveal anything about the key itself.
     *
     * @return a short, stable, printable identifier (at most 255 UTF-8 bytes)
     */
    String keyId();

    /**
     * Encrypts a data key under the key-encryption key.
     *
     * @param dataKey the plaintext data key; not modified
     * @return the wrapped key, opaque to callers and authenticated so that changing it makes {@link #unwrap} fail
     */
    byte[] wrap(byte[] dataKey);

    /**
     * Decrypts a data key wrapped by {@link #wrap}.
     *
     * @param keyId      the key id stored next to the wrapped key
     * @param wrappedKey the result of {@link #wrap}
     * @return the plaintext data key; callers zero it once used
     * @throws WrongKeyException          if {@code keyId} is not {@link #keyId()}
     * @throws TamperedEnvelopeException if the wrapped key fails authentication
     */
    byte[] unwrap(String keyId, byte[] wrappedKey);
}
