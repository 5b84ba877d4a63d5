package dev.outpost.crypto;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Set;

import javax.crypto.AEADBadTagException;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

import org.jboss.logging.Logger;

/**
 * A key-encryption key kept in a local file: 32 random bytes (AES-256), base64 on one line. For the embedded mode and
 * for clusters where the key comes from a mounted Kubernetes Secret.
 *
 * <p>Data keys are wrapped with AES-256-GCM under a random 96-bit IV, with the key id as associated data; a wrapped
 * key is {@code IV (12 bytes) || ciphertext || tag (16 bytes)}.
 *
 * <p>The key id is {@code local:} followed by the first 8 bytes, in hex, of SHA-256 over a fixed label and the key.
 * It tells keys apart without revealing them.
 */
public final class LocalKeyFileProvider implements KeyProvider {

    private static final Logger LOG = Logger.getLogger(LocalKeyFileProvider.class);

    /** Size of the key-encryption key in bytes. */
    public static final int KEY_BYTES = 32;

    private static final int IV_BYTES = 12;
    private static final int TAG_BITS = 128;
    // Domain separation: the key id must not equal a hash someone might compute of the key for another purpose.
    private static final byte[] KEY_ID_LABEL = "outpost-kek-id-v1".getBytes(StandardCharsets.US_ASCII);
    private static final Set<PosixFilePermission> OWNER_ONLY = PosixFilePermissions.fromString("rw-------");
    private static final SecureRandom RANDOM = new SecureRandom();

    private final SecretKeySpec key;
    private final String keyId;

    private LocalKeyFileProvider(byte[] keyBytes) {
        this.key = new SecretKeySpec(keyBytes, "AES");
        this.keyId = keyIdOf(keyBytes);
    }

    /**
     * Reads an existing key file.
     *
     * @param file the key file
     * @return a provider holding the key
     * @throws KeyFileException if the file is missing, unreadable, not base64, or does not hold exactly 32 bytes
     */
    public static LocalKeyFileProvider load(Path file) {
        String text;
        try {
            text = Files.readString(file, StandardCharsets.US_ASCII).strip();
        } catch (NoSuchFileException e) {
            throw new KeyFileException("key file " + file + " does not exist: point Outpost at the key that sealed "
                    + "your results, or let it create a new one", e);
        } catch (AccessDeniedException e) {
            throw new KeyFileException("key file " + file + " is not readable by this process: check its owner "
                    + "and permissions", e);
        } catch (IOException e) {
            throw new KeyFileException("key file " + file + " could not be read: " + e.getMessage(), e);
        }
        byte[] keyBytes;
        try {
            keyBytes = Base64.getDecoder().decode(text);
        } catch (IllegalArgumentException e) {
            // The decoder's message may quote part of the input, which could be key material: leave it out.
            throw new KeyFileException("key file " + file + " is not base64 text: it must hold one line with a "
                    + KEY_BYTES + "-byte key in base64");
        }
        try {
            if (keyBytes.length != KEY_BYTES) {
                throw new KeyFileException("key file " + file + " holds a " + keyBytes.length + "-byte key; "
                        + "expected " + KEY_BYTES + " bytes (AES-256) in base64");
            }
            warnIfOthersCanRead(file);
            return new LocalKeyFileProvider(keyBytes);
        } finally {
            Arrays.fill(keyBytes, (byte) 0);
        }
    }

    /**
     * Reads the key file, creating it first with a fresh random key, readable and writable by the owner only, if it
     * does not exist. Missing parent folders are created.
     *
     * @param file the key file
     * @return a provider holding the existing or new key
     * @throws KeyFileException if the file cannot be created or an existing one cannot be loaded
     */
    public static LocalKeyFileProvider createIfMissing(Path file) {
        if (Files.exists(file)) {
            return load(file);
        }
        byte[] keyBytes = new byte[KEY_BYTES];
        RANDOM.nextBytes(keyBytes);
        try {
            Path parent = file.toAbsolutePath().getParent();
            Files.createDirectories(parent);
            boolean posix = Files.getFileStore(parent).supportsFileAttributeView("posix");
            FileAttribute<?>[] attributes = posix
                    ? new FileAttribute<?>[] {PosixFilePermissions.asFileAttribute(OWNER_ONLY)}
                    : new FileAttribute<?>[0];
            // CREATE_NEW with the permissions as a creation attribute: the key is never readable by others, not even
            // briefly, and two processes racing to create it cannot overwrite each other's key.
            Files.createFile(file, attributes);
            Files.writeString(file, Base64.getEncoder().encodeToString(keyBytes) + "\n", StandardCharsets.US_ASCII,
                    StandardOpenOption.WRITE, StandardOpenOption.TRUNCATE_EXISTING);
            LocalKeyFileProvider provider = new LocalKeyFileProvider(keyBytes);
            LOG.infof("Created key-encryption key %s in %s; keep a backup: results sealed with it cannot be read "
                    + "without it", provider.keyId(), file);
            if (!posix) {
                LOG.warnf("The file system of %s has no POSIX permissions: restrict access to it yourself", file);
            }
            return provider;
        } catch (FileAlreadyExistsException e) {
            return load(file);
        } catch (IOException e) {
            throw new KeyFileException("key file " + file + " could not be created: " + e.getMessage(), e);
        } finally {
            Arrays.fill(keyBytes, (byte) 0);
        }
    }

    @Override
    public String keyId() {
        return keyId;
    }

    @Override
    public byte[] wrap(byte[] dataKey) {
        byte[] iv = new byte[IV_BYTES];
        RANDOM.nextBytes(iv);
        try {
            Cipher cipher = cipher(Cipher.ENCRYPT_MODE, iv);
            byte[] sealed = cipher.doFinal(dataKey);
            return ByteBuffer.allocate(IV_BYTES + sealed.length).put(iv).put(sealed).array();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-GCM is unavailable in this JVM", e);
        }
    }

    @Override
    public byte[] unwrap(String keyId, byte[] wrappedKey) {
        if (!this.keyId.equals(keyId)) {
            throw new WrongKeyException(keyId, this.keyId);
        }
        if (wrappedKey.length < IV_BYTES + TAG_BITS / 8) {
            throw new TamperedEnvelopeException("wrapped data key", null);
        }
        try {
            Cipher cipher = cipher(Cipher.DECRYPT_MODE, Arrays.copyOf(wrappedKey, IV_BYTES));
            return cipher.doFinal(wrappedKey, IV_BYTES, wrappedKey.length - IV_BYTES);
        } catch (AEADBadTagException e) {
            throw new TamperedEnvelopeException("wrapped data key", e);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-GCM is unavailable in this JVM", e);
        }
    }

    private Cipher cipher(int mode, byte[] iv) throws GeneralSecurityException {
        Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
        cipher.init(mode, key, new GCMParameterSpec(TAG_BITS, iv));
        // Binding the key id means a wrapped key cannot be replayed under a different id.
        cipher.updateAAD(keyId.getBytes(StandardCharsets.UTF_8));
        return cipher;
    }

    private static String keyIdOf(byte[] keyBytes) {
        try {
            MessageDigest sha256 = MessageDigest.getInstance("SHA-256");
            sha256.update(KEY_ID_LABEL);
            byte[] digest = sha256.digest(keyBytes);
            return "local:" + HexFormat.of().formatHex(digest, 0, 8);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("SHA-256 is unavailable in this JVM", e);
        }
    }

    private static void warnIfOthersCanRead(Path file) {
        try {
            Set<PosixFilePermission> permissions = Files.getPosixFilePermissions(file);
            if (permissions.contains(PosixFilePermission.GROUP_READ)
                    || permissions.contains(PosixFilePermission.OTHERS_READ)) {
                LOG.warnf("Key file %s is readable by other users (%s): restrict it with chmod 600", file,
                        PosixFilePermissions.toString(permissions));
            }
        } catch (UnsupportedOperationException | IOException e) {
            // Not a POSIX file system, or a mounted Secret whose permissions we cannot inspect: nothing to check.
            LOG.debugf("Could not inspect permissions of %s: %s", file, e);
        }
    }
}
