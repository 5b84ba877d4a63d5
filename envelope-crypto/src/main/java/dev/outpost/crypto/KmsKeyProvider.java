package dev.outpost.crypto;

import java.nio.charset.StandardCharsets;
import java.util.Map;

import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.kms.KmsClient;
import software.amazon.awssdk.services.kms.model.IncorrectKeyException;
import software.amazon.awssdk.services.kms.model.InvalidCiphertextException;
import software.amazon.awssdk.services.kms.model.KmsException;

/**
 * A key-encryption key held by AWS KMS: data keys are wrapped with KMS {@code Encrypt} and unwrapped with
 * {@code Decrypt} under the configured key, so the key itself never leaves KMS and every use of it is in the customer's
 * CloudTrail.
 *
 * <p>Both calls carry the encryption context {@value #CONTEXT_KEY}={@value #CONTEXT_VALUE}: KMS binds it to the
 * ciphertext, so a blob wrapped for another purpose with the same key does not unwrap here, and a key policy can
 * allow Outpost's role only this use ({@code kms:EncryptionContext:outpost-purpose}). {@code Decrypt} names the key
 * too, so KMS refuses a blob wrapped under any other key instead of silently using it.
 *
 * <p>The key id stored in envelopes is the configured key id, alias or ARN, exactly as configured: keep configuring it
 * the same way, or envelopes sealed before are reported as sealed under a different key.
 */
public final class KmsKeyProvider implements KeyProvider {

    /** The encryption context's key. */
    public static final String CONTEXT_KEY = "outpost-purpose";
    /** The encryption context's value. */
    public static final String CONTEXT_VALUE = "envelope-data-key";

    private static final Map<String, String> CONTEXT = Map.of(CONTEXT_KEY, CONTEXT_VALUE);
    private static final int MAX_KEY_ID_BYTES = 255;

    private final KmsClient kms;
    private final String keyId;

    /**
     * @param kms   a KMS client; the provider does not close it
     * @param keyId the KMS key id, key ARN, alias name ({@code alias/…}) or alias ARN
     * @throws IllegalArgumentException if the key id is blank or longer than an envelope can record
     */
    public KmsKeyProvider(KmsClient kms, String keyId) {
        if (keyId == null || keyId.isBlank()) {
            throw new IllegalArgumentException("The KMS key id is empty: set it to the key's id, ARN or alias");
        }
        if (keyId.getBytes(StandardCharsets.UTF_8).length > MAX_KEY_ID_BYTES) {
            throw new IllegalArgumentException("The KMS key id '" + keyId + "' is longer than " + MAX_KEY_ID_BYTES
                    + " bytes: use the key's id or ARN rather than a long alias ARN");
        }
        this.kms = kms;
        this.keyId = keyId;
    }

    @Override
    public String keyId() {
        return keyId;
    }

    @Override
    public byte[] wrap(byte[] dataKey) {
        try {
            return kms.encrypt(b -> b.keyId(keyId).plaintext(SdkBytes.fromByteArray(dataKey))
                    .encryptionContext(CONTEXT)).ciphertextBlob().asByteArray();
        } catch (SdkException e) {
            throw unavailable("wrap a data key with", e);
        }
    }

    @Override
    public byte[] unwrap(String keyId, byte[] wrappedKey) {
        if (!this.keyId.equals(keyId)) {
            throw new WrongKeyException(keyId, this.keyId);
        }
        try {
            return kms.decrypt(b -> b.keyId(this.keyId).ciphertextBlob(SdkBytes.fromByteArray(wrappedKey))
                    .encryptionContext(CONTEXT)).plaintext().asByteArray();
        } catch (IncorrectKeyException e) {
            // The envelope names the configured key id, yet KMS says another key wrapped it: typically an alias that
            // now points to a new key.
            throw new WrongKeyException("sealed under key id '" + keyId + "', but KMS says the data key was wrapped "
                    + "under a different key than the one it resolves to now; if an alias was moved to a new key, "
                    + "configure the key that sealed it (its key ARN)", e);
        } catch (InvalidCiphertextException e) {
            throw new TamperedEnvelopeException("wrapped data key", e);
        } catch (SdkException e) {
            throw unavailable("unwrap a data key with", e);
        }
    }

    private KeyServiceException unavailable(String what, SdkException e) {
        String reason = e instanceof KmsException kmsError && kmsError.awsErrorDetails() != null
                ? kmsError.awsErrorDetails().errorCode() + ": " + kmsError.awsErrorDetails().errorMessage()
                : e.getMessage();
        return new KeyServiceException("Could not " + what + " KMS key " + keyId + " (" + reason + "): check that "
                + "the key exists in this region and is enabled, that this workload's role may use it (kms:Encrypt, "
                + "kms:Decrypt) and that KMS is reachable (outpost.keys.kms-endpoint for a VPC endpoint)", e);
    }
}
