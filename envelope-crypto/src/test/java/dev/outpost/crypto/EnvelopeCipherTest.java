package dev.outpost.crypto;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Arrays;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EnvelopeCipherTest {

    private static final String CONTEXT = "results/job-42/failing-rows.parquet";
    private static final byte[] CANARY = "canary-ssn-078-05-1120;canary-ssn-078-05-1120;canary-ssn-078-05-1120"
            .getBytes(StandardCharsets.UTF_8);

    @TempDir
    Path dir;

    private EnvelopeCipher cipher;

    @BeforeEach
    void createKey() {
        cipher = new EnvelopeCipher(LocalKeyFileProvider.createIfMissing(dir.resolve("kek")));
    }

    @Test
    void opensWhatItSealed() {
        assertArrayEquals(CANARY, cipher.open(cipher.seal(CANARY, CONTEXT), CONTEXT));
        assertArrayEquals(new byte[0], cipher.open(cipher.seal(new byte[0], CONTEXT), CONTEXT));
    }

    @Test
    void sealingTheSameObjectTwiceGivesUnrelatedEnvelopes() {
        byte[] first = cipher.seal(CANARY, CONTEXT);
        byte[] second = cipher.seal(CANARY, CONTEXT);

        assertFalse(Arrays.equals(first, second));
        // A reused data key and nonce would give identical ciphertext even if the wrapped keys differed.
        int ciphertextStart = first.length - CANARY.length - 16;
        assertFalse(Arrays.equals(first, ciphertextStart, ciphertextStart + 8, second, ciphertextStart,
                ciphertextStart + 8));
    }

    @Test
    void envelopeDoesNotContainThePlaintext() {
        byte[] sealed = cipher.seal(CANARY, CONTEXT);

        assertEquals(-1, indexOf(sealed, Arrays.copyOf(CANARY, 8)));
    }

    @Test
    void changingAnyByteMakesOpenFail() {
        byte[] sealed = cipher.seal(CANARY, CONTEXT);
        for (int i = 0; i < sealed.length; i++) {
            byte[] tampered = sealed.clone();
            tampered[i] ^= 0x01;
            try {
                cipher.open(tampered, CONTEXT);
                fail("flipping a bit of byte " + i + " went unnoticed");
            } catch (EnvelopeException expected) {
                assertFalse(expected.getMessage().contains("canary"), expected.getMessage());
            }
        }
    }

    @Test
    void changedCiphertextIsReportedAsTampering() {
        byte[] sealed = cipher.seal(CANARY, CONTEXT);
        sealed[sealed.length - 20] ^= 0x01;

        TamperedEnvelopeException e = assertThrows(TamperedEnvelopeException.class, () -> cipher.open(sealed, CONTEXT));
        assertTrue(e.getMessage().contains("modified"), e.getMessage());
    }

    @Test
    void objectCopiedToAnotherKeyDoesNotOpen() {
        byte[] sealed = cipher.seal(CANARY, CONTEXT);

        WrongContextException e = assertThrows(WrongContextException.class,
                () -> cipher.open(sealed, "results/job-43/failing-rows.parquet"));
        assertTrue(e.getMessage().contains("different context"), e.getMessage());
    }

    @Test
    void envelopeSealedUnderAnotherKeyIsReportedByKeyId() {
        byte[] sealed = cipher.seal(CANARY, CONTEXT);
        LocalKeyFileProvider otherKey = LocalKeyFileProvider.createIfMissing(dir.resolve("other-kek"));

        WrongKeyException e = assertThrows(WrongKeyException.class,
                () -> new EnvelopeCipher(otherKey).open(sealed, CONTEXT));
        assertTrue(e.getMessage().contains("key id"), e.getMessage());
        assertTrue(e.getMessage().contains(otherKey.keyId()), e.getMessage());
    }

    @Test
    void bytesThatAreNoEnvelopeAreReportedAsSuch() {
        NotAnEnvelopeException plain = assertThrows(NotAnEnvelopeException.class,
                () -> cipher.open(CANARY, CONTEXT));
        assertTrue(plain.getMessage().contains("magic"), plain.getMessage());
        assertFalse(plain.getMessage().contains("canary"), plain.getMessage());

        byte[] sealed = cipher.seal(CANARY, CONTEXT);
        assertThrows(NotAnEnvelopeException.class, () -> cipher.open(Arrays.copyOf(sealed, 20), CONTEXT));

        byte[] future = sealed.clone();
        future[4] = 2;
        NotAnEnvelopeException version = assertThrows(NotAnEnvelopeException.class,
                () -> cipher.open(future, CONTEXT));
        assertTrue(version.getMessage().contains("version 2"), version.getMessage());
    }

    @Test
    void sameKeyFileOpensAcrossRestarts() {
        byte[] sealed = cipher.seal(CANARY, CONTEXT);
        EnvelopeCipher restarted = new EnvelopeCipher(LocalKeyFileProvider.load(dir.resolve("kek")));

        assertArrayEquals(CANARY, restarted.open(sealed, CONTEXT));
        assertNotEquals(-1, indexOf(sealed, "local:".getBytes(StandardCharsets.UTF_8)), "key id is in the header");
    }

    private static int indexOf(byte[] haystack, byte[] needle) {
        outer:
        for (int i = 0; i + needle.length <= haystack.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (haystack[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }
}
