package dev.outpost.edge;

import java.net.URI;
import java.nio.file.Path;
import java.util.Optional;

import io.smallrye.config.ConfigMapping;

/**
 * The customer's key-encryption key, which wraps every stored object's data key: exactly one of a local key file or an
 * AWS KMS key (both or neither stops the service with what to set).
 */
@ConfigMapping(prefix = "outpost.keys")
public interface KeysConfig {

    /** A local key file (base64 of 32 random bytes), mounted from a Kubernetes Secret or made by {@code ./outpost}. */
    Optional<Path> localFile();

    /** An AWS KMS key id, key ARN or alias that wraps the data keys (the chart's {@code keyProvider.kms.keyId}). */
    Optional<String> kmsKeyId();

    /** The KMS endpoint, for a VPC interface endpoint (unset: the region's public endpoint). */
    Optional<URI> kmsEndpoint();

    /** The KMS key's region (unset: the region in the key ARN, else the AWS SDK's default region chain). */
    Optional<String> kmsRegion();
}
