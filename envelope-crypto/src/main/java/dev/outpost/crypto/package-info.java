/**
 * Envelope encryption for what the compute plane stores in the customer's results bucket.
 *
 * <p>Every object is sealed by {@link dev.outpost.crypto.EnvelopeCipher} under a fresh data key, and only that data
 * key is encrypted ("wrapped") by a customer key held by a {@link dev.outpost.crypto.KeyProvider}: a key file
 * locally ({@link dev.outpost.crypto.LocalKeyFileProvider}), AWS KMS in AWS ({@link dev.outpost.crypto.KmsKeyProvider});
 * {@link dev.outpost.crypto.KeyProviders} chooses one from a service's settings. Losing or rotating away the customer key
 * makes every object it wrapped unreadable, which is also how a customer revokes access to their results.
 *
 * <p>Failures to open an envelope are reported by the subclasses of {@link dev.outpost.crypto.EnvelopeException},
 * each naming what went wrong and never any plaintext.
 */
package dev.outpost.crypto;
