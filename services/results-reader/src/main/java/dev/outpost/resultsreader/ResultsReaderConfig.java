package dev.outpost.resultsreader;

import java.net.URI;
import java.time.Duration;
import java.util.Optional;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** How results-reader consumes the {@code results} queue and hands out pre-signed pages. */
@ConfigMapping(prefix = "outpost.results-reader")
public interface ResultsReaderConfig {

    /**
     * How long a request stays invisible to other replicas while this one answers it; if the replica dies, another
     * one takes the request after this long.
     */
    @WithDefault("30s")
    Duration visibility();

    /**
     * How long a pre-signed page's URL works (and its temporary object lives); capped at
     * {@link PresignedPages#MAX_EXPIRY}.
     */
    @WithDefault("2m")
    Duration presignedExpiry();

    /**
     * The S3 endpoint pre-signed URLs name, for when the person's client reaches the results bucket elsewhere than
     * results-reader does (results-reader behind a VPC endpoint or an in-cluster S3, say). Unset: the endpoint
     * results-reader uses ({@code quarkus.s3.endpoint-override}, else AWS's for the region).
     */
    Optional<URI> presignedEndpoint();

    /** How often the temporary objects of pre-signed pages are checked, and the expired ones deleted. */
    @WithDefault("30s")
    Duration presignedSweepInterval();

    /**
     * How many requests are answered at the same time, each on a virtual thread; more wait on the queue. Each holds
     * one decrypted page in memory while it is answered.
     */
    @WithDefault("8")
    int concurrentRequests();
}
