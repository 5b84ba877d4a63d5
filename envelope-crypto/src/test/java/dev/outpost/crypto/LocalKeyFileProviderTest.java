package dev.outpost.crypto;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeFalse;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Base64;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LocalKeyFileProviderTest {

    @TempDir
    Path dir;

    @Test
    void createsKeyFileReadableByOwnerOnly() throws IOException {
        Path file = dir.resolve("keys/kek");

        LocalKeyFileProvider.createIfMissing(file);

        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(file)));
        assertEquals(LocalKeyFileProvider.KEY_BYTES, Base64.getDecoder().decode(Files.readString(file).strip()).length);
    }

    @Test
    void createIfMissingKeepsAnExistingKey() {
        Path file = dir.resolve("kek");
        LocalKeyFileProvider first = LocalKeyFileProvider.createIfMissing(file);

        LocalKeyFileProvider second = LocalKeyFileProvider.createIfMissing(file);

        assertEquals(first.keyId(), second.keyId());
        assertTrue(first.keyId().matches("local:[0-9a-f]{16}"), first.keyId());
    }

    @Test
    void differentKeysHaveDifferentIds() {
        assertNotEquals(LocalKeyFileProvider.createIfMissing(dir.resolve("a")).keyId(),
                LocalKeyFileProvider.createIfMissing(dir.resolve("b")).keyId());
    }

    @Test
    void unwrapsWhatItWrappedAndRejectsForeignKeyIds() {
        LocalKeyFileProvider provider = LocalKeyFileProvider.createIfMissing(dir.resolve("kek"));
        byte[] dataKey = new byte[32];
        dataKey[0] = 7;

        byte[] wrapped = provider.wrap(dataKey);

        assertArrayEquals(dataKey, provider.unwrap(provider.keyId(), wrapped));
        WrongKeyException e = assertThrows(WrongKeyException.class, () -> provider.unwrap("kms:alias/x", wrapped));
        assertTrue(e.getMessage().contains("kms:alias/x"), e.getMessage());
        wrapped[wrapped.length - 1] ^= 1;
        assertThrows(TamperedEnvelopeException.class, () -> provider.unwrap(provider.keyId(), wrapped));
    }

    @Test
    void missingFileIsNamedInTheError() {
        Path file = dir.resolve("absent");

        KeyFileException e = assertThrows(KeyFileException.class, () -> LocalKeyFileProvider.load(file));

        assertTrue(e.getMessage().contains(file.toString()) && e.getMessage().contains("does not exist"),
                e.getMessage());
    }

    @Test
    void keyOfWrongLengthIsRejected() throws IOException {
        Path file = Files.writeString(dir.resolve("short"), Base64.getEncoder().encodeToString(new byte[16]));

        KeyFileException e = assertThrows(KeyFileException.class, () -> LocalKeyFileProvider.load(file));

        assertTrue(e.getMessage().contains("16-byte key") && e.getMessage().contains("expected 32"),
                e.getMessage());
    }

    @Test
    void textThatIsNotBase64IsRejectedWithoutQuotingIt() throws IOException {
        Path file = Files.writeString(dir.resolve("garbage"), "not a key, just *secret* text");

        KeyFileException e = assertThrows(KeyFileException.class, () -> LocalKeyFileProvider.load(file));

        assertTrue(e.getMessage().contains("not base64"), e.getMessage());
        assertTrue(!e.getMessage().contains("secret"), e.getMessage());
    }

    @Test
    void unreadableFileIsReported() throws IOException {
        Path file = dir.resolve("locked");
        LocalKeyFileProvider.createIfMissing(file);
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("---------"));
        // root reads any file regardless of its mode, so only an ordinary user can observe this failure.
        assumeFalse(Files.isReadable(file), "running as root");

        KeyFileException e = assertThrows(KeyFileException.class, () -> LocalKeyFileProvider.load(file));

        assertTrue(e.getMessage().contains("not readable"), e.getMessage());
    }

    @Test
    void aDirectoryIsNotAKeyFile() {
        KeyFileException e = assertThrows(KeyFileException.class, () -> LocalKeyFileProvider.load(dir));

        assertTrue(e.getMessage().contains("could not be read"), e.getMessage());
    }
}
