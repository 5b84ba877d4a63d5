package dev.outpost.crypto;

import java.nio.BufferUnderflowException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Objects;

import javax.crypto.AEADBadTagException;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * Seals and opens objects with envelope encryption: each object gets a fresh random AES-256 data key, the object is
 * encrypted with AES-256-GCM (random 96-bit nonce, 128-bit tag), and the data key is wrapped by a {@link KeyProvider}.
 *
 * <p>A {@code context} — normally the object's key in the bucket — is bound to the envelope as associated data, so an
 * envelope copied or moved to another object key no longer opens.
 *
 * <h2>Format, version 1</h2>
 * All integers are unsigned and big-endian.
 * <pre>
 * size   field
 * 4      magic "OPEV" (0x4F 0x50 0x45 0x56)
 * 1      format version, 1
 * 1      key id length k (1..255)
 * k      key id, UTF-8 ({@link KeyProvider#keyId()})
 * 2      wrapped data key length w
 * w      wrapped data key ({@link KeyProvider#wrap})
 * 8      context fingerprint: first 8 bytes of SHA-256(context, UTF-8)
 * 12     nonce
 * n+16   AES-256-GCM ciphertext of the n plaintext bytes, followed by the tag
 * </pre>
 * The GCM associated data is every byte before the ciphertext (the header) followed by the full context in UTF-8, so
 * changing any byte of the envelope, or opening it under another context, fails authentication. The fingerprint only
 * lets {@link #open} tell a wrong context ({@link WrongContextException}) from tampering
 * ({@link TamperedEnvelopeException}); the object key it is a hash of is no secret.
 *
 * <p>Instances are immutable and safe for concurrent use.
 */
public final class EnvelopeCipher {

    /** Format version written by {@link #seal}. */
    public static final int VERSION = 1;

    private static final byte[] MAGIC = {'O', 'P', 'E', 'V'};
    private static final int DATA_KEY_BYTES = 32;
    private static final int NONCE_BYTES = 12;
    private static final int TAG_BITS = 128;
    private static final int FINGERPRINT_BYTES = 8;
    private static final SecureRandom RANDOM = new SecureRandom();

    private final KeyProvider keys;

    /**
     * @param keys wraps the data keys of sealed objects and unwraps them to open them
     */
    public EnvelopeCipher(KeyProvider keys) {
        this.keys = Objects.requireNonNull(keys, "keys");
    }

    /**
     * Encrypts an object under a fresh data key.
     *
     * @param plaintext the object
     * @param context   what the envelope is bound to, normally the object key it will be stored under
     * @return the envelope, in the format described above
     */
    public byte[] seal(byte[] plaintext, String context) {
        Objects.requireNonNull(plaintext, "plaintext");
        Objects.requireNonNull(context, "context");
        byte[] contextBytes = context.getBytes(StandardCharsets.UTF_8);
        byte[] keyId = keys.keyId().getBytes(StandardCharsets.UTF_8);
        if (keyId.length == 0 || keyId.length > 255) {
            throw new IllegalStateException("key provider id must be 1..255 UTF-8 bytes, got " + keyId.length);
        }
        byte[] dataKey = new byte[DATA_KEY_BYTES];
        RANDOM.nextBytes(dataKey);
        try {
            byte[] wrapped = keys.wrap(dataKey);
            byte[] nonce = new byte[NONCE_BYTES];
            RANDOM.nextBytes(nonce);
            int headerLength = MAGIC.length + 2 + keyId.length + 2 + wrapped.length + FINGERPRINT_BYTES + NONCE_BYTES;
            ByteBuffer out = ByteBuffer.allocate(headerLength + plaintext.length + TAG_BITS / 8);
            out.put(MAGIC).put((byte) VERSION)
                    .put((byte) keyId.length).put(keyId)
                    .putShort((short) wrapped.length).put(wrapped)
                    .put(fingerprint(contextBytes))
                    .put(nonce);
            Cipher cipher = gcm(Cipher.ENCRYPT_MODE, dataKey, nonce);
            cipher.updateAAD(out.array(), 0, headerLength);
            cipher.updateAAD(contextBytes);
            cipher.doFinal(plaintext, 0, plaintext.length, out.array(), headerLength);
            return out.array();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-GCM is unavailable in this JVM", e);
        } finally {
            Arrays.fill(dataKey, (byte) 0);
        }
    }

    /**
     * Decrypts an envelope made by {@link #seal}.
     *
     * @param sealed  the envelope
     * @param context the context it was sealed with
     * @return the plaintext
     * @throws NotAnEnvelopeException     if the bytes are not an envelope of a version this reader knows
     * @throws WrongKeyException          if it was sealed under another key-encryption key
     * @throws WrongContextException      if it was sealed for another context
     * @throws TamperedEnvelopeException if it was modified after sealing
     */
    public byte[] open(byte[] sealed, String context) {
        byte[] contextBytes = context.getBytes(StandardCharsets.UTF_8);
        Header header = Header.parse(sealed);
        if (!MessageDigest.isEqual(header.fingerprint, fingerprint(contextBytes))) {
            throw new WrongContextException();
        }
        byte[] dataKey = keys.unwrap(header.keyId, header.wrappedKey);
        try {
            Cipher cipher = gcm(Cipher.DECRYPT_MODE, dataKey, header.nonce);
            cipher.updateAAD(sealed, 0, header.length);
            cipher.updateAAD(contextBytes);
            return cipher.doFinal(sealed, header.length, sealed.length - header.length);
        } catch (AEADBadTagException e) {
            throw new TamperedEnvelopeException("content", e);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-GCM is unavailable in this JVM", e);
        } finally {
            Arrays.fill(dataKey, (byte) 0);
        }
    }

    private static Cipher gcm(int mode, byte[] dataKey, byte[] nonce) throws GeneralSecurityException {
        Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
        // SecretKeySpec and the cipher keep copies of the key that the JDK API offers no way to clear; the copy we own
        // is zeroed by the caller as soon as the cipher is done, so at least it does not outlive the call.
        cipher.init(mode, new SecretKeySpec(dataKey, "AES"), new GCMParameterSpec(TAG_BITS, nonce));
        return cipher;
    }

    private static byte[] fingerprint(byte[] contextBytes) {
        try {
            return Arrays.copyOf(MessageDigest.getInstance("SHA-256").digest(contextBytes), FINGERPRINT_BYTES);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("SHA-256 is unavailable in this JVM", e);
        }
    }

    /** The parsed header; {@code length} is where the ciphertext starts. */
    private record Header(String keyId, byte[] wrappedKey, byte[] fingerprint, byte[] nonce, int length) {

        static Header parse(byte[] sealed) {
            ByteBuffer in = ByteBuffer.wrap(sealed);
            try {
                byte[] magic = new byte[MAGIC.length];
                in.get(magic);
                if (!Arrays.equals(magic, MAGIC)) {
                    throw new NotAnEnvelopeException("not an Outpost envelope: it does not start with the magic "
                            + "bytes \"OPEV\"");
                }
                int version = Byte.toUnsignedInt(in.get());
                if (version != VERSION) {
                    throw new NotAnEnvelopeException("envelope format version " + version + " is not supported; "
                            + "this reader knows version " + VERSION + " (a newer Outpost may have written it)");
                }
                byte[] keyId = new byte[Byte.toUnsignedInt(in.get())];
                in.get(keyId);
                byte[] wrappedKey = new byte[Short.toUnsignedInt(in.getShort())];
                in.get(wrappedKey);
                byte[] fingerprint = new byte[FINGERPRINT_BYTES];
                in.get(fingerprint);
                byte[] nonce = new byte[NONCE_BYTES];
                in.get(nonce);
                if (in.remaining() < TAG_BITS / 8) {
                    throw truncated(sealed);
                }
                return new Header(new String(keyId, StandardCharsets.UTF_8), wrappedKey, fingerprint, nonce,
                        in.position());
            } catch (BufferUnderflowException e) {
                throw truncated(sealed);
            }
        }

        private static NotAnEnvelopeException truncated(byte[] sealed) {
            return new NotAnEnvelopeException("not an Outpost envelope: truncated, only " + sealed.length + " bytes");
        }
    }
}
