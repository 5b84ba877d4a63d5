package dev.outpost.edge;

import java.util.Optional;

import io.smallrye.config.ConfigMapping;

/** Where the compute plane keeps results (failing-row samples) in the customer's storage. */
@ConfigMapping(prefix = "outpost.results")
public interface ResultsConfig {

    /** The customer's S3 bucket for results. */
    String bucket();

    /**
     * A key prefix inside the bucket (for example {@code outpost/}); unset for the bucket's root. (Optional rather than
     * a default of "": SmallRye Config treats an empty value as missing and would refuse to start.)
     */
    Optional<String> prefix();
}
