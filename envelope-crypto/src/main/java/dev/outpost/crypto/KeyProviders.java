package dev.outpost.crypto;

import java.net.URI;
import java.nio.file.Path;
import java.util.Optional;

import software.amazon.awssdk.arns.Arn;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.kms.KmsClient;
import software.amazon.awssdk.services.kms.KmsClientBuilder;

/**
 * Chooses the key provider from a compute-plane service's settings: exactly one of a local key file or an AWS KMS key.
 * Setting both or neither is refused with what to set, so a service never seals results under a key nobody chose.
 */
public final class KeyProviders {

    private KeyProviders() {
    }

    /**
     * The customer key's settings ({@code outpost.keys.*}).
     *
     * @param localFile   a local key file
     * @param kmsKeyId    an AWS KMS key id, ARN or alias
     * @param kmsEndpoint the KMS endpoint, for a VPC endpoint (unset: the region's public endpoint)
     * @param kmsRegion   the KMS region (unset: the region of the key ARN, else the AWS SDK's default chain)
     */
    public record Settings(Optional<Path> localFile, Optional<String> kmsKeyId, Optional<URI> kmsEndpoint,
            Optional<String> kmsRegion) {
    }

    /**
     * @return the provider the settings choose; a KMS provider owns its client, closed with the JVM
     * @throws IllegalArgumentException if both or neither key is set
     */
    public static KeyProvider fromSettings(Settings settings) {
        if (settings.localFile().isPresent() && settings.kmsKeyId().isPresent()) {
            throw new IllegalArgumentException("Both outpost.keys.local-file and outpost.keys.kms-key-id are set: "
                    + "set exactly one (the chart's keyProvider.localKey.existingSecret or keyProvider.kms.keyId)");
        }
        if (settings.localFile().isPresent()) {
            return LocalKeyFileProvider.load(settings.localFile().get());
        }
        if (settings.kmsKeyId().isPresent()) {
            return new KmsKeyProvider(kmsClient(settings), settings.kmsKeyId().get());
        }
        throw new IllegalArgumentException("No customer key is configured: set outpost.keys.local-file to a key file "
                + "or outpost.keys.kms-key-id to an AWS KMS key (the chart's keyProvider.localKey.existingSecret or "
                + "keyProvider.kms.keyId)");
    }

    private static KmsClient kmsClient(Settings settings) {
        KmsClientBuilder builder = KmsClient.builder().httpClient(UrlConnectionHttpClient.create());
        settings.kmsRegion().or(() -> regionOf(settings.kmsKeyId().get())).map(Region::of).ifPresent(builder::region);
        settings.kmsEndpoint().ifPresent(builder::endpointOverride);
        return builder.build();
    }

    private static Optional<String> regionOf(String keyId) {
        return keyId.startsWith("arn:") ? Arn.tryFromString(keyId).flatMap(Arn::region) : Optional.empty();
    }
}
