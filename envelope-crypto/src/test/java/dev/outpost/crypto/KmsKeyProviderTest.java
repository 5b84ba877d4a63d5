package dev.outpost.crypto;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.protocols.jsoncore.JsonNode;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.kms.KmsClient;

/** {@link KmsKeyProvider} against {@link KmsStandIn}, a stand-in for AWS KMS (no KMS can run here). */
class KmsKeyProviderTest {

    private static final String KEY = "1234abcd-12ab-34cd-56ef-1234567890ab";
    private static final String OTHER_KEY = "0987dcba-09fe-87dc-65ba-ab0987654321";

    private final KmsStandIn standIn = new KmsStandIn();
    private final KmsClient kms = KmsClient.builder()
            .endpointOverride(standIn.endpoint())
            .region(Region.US_EAST_1)
            .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("test", "test")))
            .httpClient(UrlConnectionHttpClient.create())
            .build();

    KmsKeyProviderTest() {
        standIn.createKey(KEY);
        standIn.createKey(OTHER_KEY);
    }

    @AfterEach
    void stop() {
        kms.close();
        standIn.close();
    }

    @Test
    void sealsAndOpensWithKmsEncryptAndDecryptUnderTheKeyAndContext() {
        EnvelopeCipher cipher = new EnvelopeCipher(new KmsKeyProvider(kms, KEY));
        byte[] plaintext = "failing rows".getBytes(StandardCharsets.UTF_8);

        byte[] sealed = cipher.seal(plaintext, "jobs/1/checks/a/failing-rows.bin");

        assertArrayEquals(plaintext, cipher.open(sealed, "jobs/1/checks/a/failing-rows.bin"));
        var calls = standIn.calls();
        assertEquals(2, calls.size());
        assertEquals("TrentService.Encrypt", calls.get(0).target());
        assertEquals("TrentService.Decrypt", calls.get(1).target());
        for (var call : calls) {
            assertEquals(KEY, call.body().field("KeyId").orElseThrow().asString(), call.target() + " names the key");
            assertEquals(Map.of(KmsKeyProvider.CONTEXT_KEY, KmsKeyProvider.CONTEXT_VALUE),
                    context(call.body()), call.target() + " carries the encryption context");
        }
        assertEquals(32, java.util.Base64.getDecoder().decode(calls.get(0).body().field("Plaintext").orElseThrow()
                .asString()).length, "Encrypt wraps a 256-bit data key");
    }

    @Test
    void anEnvelopeOfAnotherKeyIdIsRefusedWithoutAskingKms() {
        byte[] sealed = new EnvelopeCipher(new KmsKeyProvider(kms, OTHER_KEY)).seal(new byte[] {1}, "object");
        int callsBefore = standIn.calls().size();

        WrongKeyException wrong = assertThrows(WrongKeyException.class,
                () -> new EnvelopeCipher(new KmsKeyProvider(kms, KEY)).open(sealed, "object"));

        assertTrue(wrong.getMessage().contains(OTHER_KEY) && wrong.getMessage().contains(KEY), wrong.getMessage());
        assertEquals(callsBefore, standIn.calls().size());
    }

    @Test
    void aBlobKmsSaysBelongsToAnotherKeyIsAWrongKey() {
        byte[] wrappedUnderOther = new KmsKeyProvider(kms, OTHER_KEY).wrap(new byte[32]);

        WrongKeyException wrong = assertThrows(WrongKeyException.class,
                () -> new KmsKeyProvider(kms, KEY).unwrap(KEY, wrappedUnderOther));

        assertTrue(wrong.getMessage().contains("configure the key that sealed it"), wrong.getMessage());
    }

    @Test
    void aTamperedWrappedKeyFailsAuthentication() {
        KmsKeyProvider provider = new KmsKeyProvider(kms, KEY);
        byte[] wrapped = provider.wrap(new byte[32]);
        wrapped[wrapped.length - 1] ^= 1;

        assertThrows(TamperedEnvelopeException.class, () -> provider.unwrap(KEY, wrapped));
    }

    @Test
    void anUnknownKeyIsReportedWithWhatToCheck() {
        KeyServiceException error = assertThrows(KeyServiceException.class,
                () -> new KmsKeyProvider(kms, "alias/missing").wrap(new byte[32]));

        assertTrue(error.getMessage().contains("alias/missing") && error.getMessage().contains("NotFoundException")
                && error.getMessage().contains("kms:Encrypt"), error.getMessage());
    }

    @Test
    void settingsChooseExactlyOneKey(@TempDir Path dir) {
        Path keyFile = dir.resolve("kek");
        LocalKeyFileProvider.createIfMissing(keyFile);

        var both = assertThrows(IllegalArgumentException.class, () -> KeyProviders.fromSettings(
                new KeyProviders.Settings(Optional.of(keyFile), Optional.of(KEY), Optional.empty(), Optional.empty())));
        var neither = assertThrows(IllegalArgumentException.class, () -> KeyProviders.fromSettings(
                new KeyProviders.Settings(Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty())));
        KeyProvider local = KeyProviders.fromSettings(new KeyProviders.Settings(Optional.of(keyFile),
                Optional.empty(), Optional.empty(), Optional.empty()));
        KeyProvider fromKms = KeyProviders.fromSettings(new KeyProviders.Settings(Optional.empty(), Optional.of(KEY),
                Optional.of(standIn.endpoint()), Optional.of("us-east-1")));

        assertTrue(both.getMessage().contains("set exactly one"), both.getMessage());
        assertTrue(neither.getMessage().contains("outpost.keys.kms-key-id"), neither.getMessage());
        assertTrue(local instanceof LocalKeyFileProvider);
        assertEquals(KEY, fromKms.keyId());
    }

    @Test
    void irsaWebIdentityCredentialsAreAvailable() {
        // The SDK's default credentials chain looks this class up by name to use an EKS pod's IRSA token; without the
        // sts module, every AWS call of an IRSA-configured edge fails.
        assertDoesNotThrow(() -> Class.forName(
                "software.amazon.awssdk.services.sts.internal.StsWebIdentityCredentialsProviderFactory"));
    }

    private static Map<String, String> context(JsonNode body) {
        return body.field("EncryptionContext").orElseThrow().asObject().entrySet().stream()
                .collect(Collectors.toMap(Map.Entry::getKey, e -> e.getValue().asString()));
    }
}
