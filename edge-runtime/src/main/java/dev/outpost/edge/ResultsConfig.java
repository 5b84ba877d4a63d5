package dev.outpost.edge;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** Where the compute plane keeps results (failing-row samples) in the customer's storage. */
@ConfigMapping(prefix = "outpost.results")
public interface ResultsConfig {

    /** The customer's S3 bucket for results. */
    String bucket();

    /** A key prefix inside the bucket (for example {@code outpost/}); empty for the bucket's root. */
    @WithDefault("")
    String prefix();
}
