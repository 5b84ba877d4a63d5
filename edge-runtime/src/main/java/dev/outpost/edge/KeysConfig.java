package dev.outpost.edge;

import java.nio.file.Path;

import io.smallrye.config.ConfigMapping;

/** The customer's key-encryption key, which wraps every stored object's data key. */
@ConfigMapping(prefix = "outpost.keys")
public interface KeysConfig {

    /**
     * A local key file (base64 of 32 random bytes), mounted from a Kubernetes Secret or made by {@code ./outpost}.
     * The AWS KMS provider will be the alternative.
     */
    Path localFile();
}
